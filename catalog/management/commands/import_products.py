"""``manage.py import_products --seller <partner code> FILE [--approve]``.

For union officers and staff importing on a seller's behalf. Prints a progress bar, then the
counts; a bad file ends in ``CommandError`` listing each problem, and nothing is written.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.services.imports import held_message, products_import


class Command(BaseCommand):
    help = "Import a seller's products from a CSV or Excel (.xlsx) file made from the template."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .xlsx or .csv file")
        parser.add_argument("--seller", required=True, help="the seller's (partner's) code")
        parser.add_argument(
            "--approve",
            action="store_true",
            help="publish new products at once instead of waiting for review",
        )

    def handle(self, *args, path, seller, approve, **options):
        Partner = get_model("partner", "Partner")
        partner = Partner.objects.filter(code=seller).first()
        if partner is None:
            raise CommandError(_("No seller has the code “%(code)s”.") % {"code": seller})
        file_path = Path(path)
        if not file_path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        with file_path.open("rb") as file:
            report = products_import(
                partner=partner,
                file=file,
                filename=file_path.name,
                approve=approve,
                progress=self._progress,
            )
        if not report.ok:
            lines = [_("Nothing was imported. Fix these problems and run the command again:")]
            for error in report.errors:
                where = (_("row %(row)d") % {"row": error.row}) if error.row else _("file")
                lines.append(
                    f"  {where}"
                    + (f", {error.column}" if error.column else "")
                    + f": {error.message}"
                )
            raise CommandError("\n".join(lines))
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported for %(seller)s: %(created)d created, %(updated)d updated.")
                % {"seller": partner.name, "created": report.created, "updated": report.updated}
            )
        )
        if report.held:
            self.stdout.write(held_message(report.held))

    def _progress(self, done: int, total: int) -> None:
        width = 20
        filled = width * done // total if total else width
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
            ending="\n" if done >= total else "",
        )
        self.stdout.flush()
