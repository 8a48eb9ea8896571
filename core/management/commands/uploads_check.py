"""``manage.py uploads_check [--fix]``: check every stored upload by its content (see
``core.uploads.stored_uploads_check``); the catalogue migration 0038 ran it once with --fix."""

from django.core.management.base import BaseCommand

from core import pagecache
from core.uploads import stored_uploads_check


class Command(BaseCommand):
    help = (
        "Check stored uploads by content; with --fix rename them to server-made names and "
        "remove those whose content is not allowed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="rename and remove, not only list")

    def handle(self, *args, fix=False, **options):
        report = stored_uploads_check(fix=fix)
        for problem in report["problems"]:
            self.stdout.write(problem)
        if fix and report["product_ids"]:
            pagecache.bump_products(report["product_ids"])
        verb = ("renamed", "removed") if fix else ("to rename", "to remove")
        self.stdout.write(
            f"{report['checked']} files checked, {report['renamed']} {verb[0]}, "
            f"{report['removed']} {verb[1]}."
        )
