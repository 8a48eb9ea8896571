"""Make or repair every province's section of the site, its editor and moderator groups,
their permissions and its moderation workflow (cms/publishing.py). Safe to run again."""

from django.core.management.base import BaseCommand

from cms.publishing import editors_setup


class Command(BaseCommand):
    help = "Set up the province sections, editor and moderator groups and workflows."

    def handle(self, *args, **options):
        report = editors_setup()
        self.stdout.write(self.style.SUCCESS(str(report)))
