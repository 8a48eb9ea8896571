"""Celery tasks of the CMS: scheduled pages go live (and expired ones go offline) on time.

Wagtail keeps an approved page with a "go live" date as an approved revision and publishes it
only when ``publish_scheduled`` runs; beat runs it every minute (``CELERY_BEAT_SCHEDULE``), so a
page scheduled for 8:00 is up by 8:01.
"""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="cms.tasks.publish_scheduled_pages", ignore_result=True)
def publish_scheduled_pages() -> None:
    call_command("publish_scheduled", verbosity=0)
