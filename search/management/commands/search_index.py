"""``manage.py search_index rebuild`` replaces the whole index (searches keep working on the old
one until the new one is complete); ``manage.py search_index check`` lists what differs
between the database and the index and exits with status 1 if anything does."""

import time

from django.core.management.base import BaseCommand, CommandError

from search import api, services


class ProgressBar:
    """``[#######-------------]  35%  3500/10000`` on stderr: redrawn in place on a terminal,
    one line per tenth otherwise (logs, CI)."""

    def __init__(self, stream, label: str, width: int = 30):
        """``stream``: a command's ``self.stderr`` (Django's OutputWrapper)."""
        self.stream, self.label, self.width = stream, label, width
        self.tty = stream.isatty()
        self.last_tenth = -1
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        fraction = min(1.0, done / total) if total else 1.0
        filled = int(self.width * fraction)
        line = (
            f"{self.label} [{'#' * filled}{'-' * (self.width - filled)}] "
            f"{fraction:4.0%}  {done}/{total}  {time.monotonic() - self.started:.0f}s"
        )
        if self.tty:
            self.stream.write("\r" + line, style_func=str, ending="")
        elif int(fraction * 10) != self.last_tenth:
            self.last_tenth = int(fraction * 10)
            self.stream.write(line, style_func=str)
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("")


class Command(BaseCommand):
    help = (
        "Rebuild the search index, check it against the database, or make the listing "
        "indexes of the OCOP groups and count their category pages afresh (groups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check", "groups"])
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, action, no_progress=False, **options):
        backend = api.backend()
        if action == "groups":
            made, dropped = services.group_indexes_ensure()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Group listing indexes: {len(made)} made, {len(dropped)} dropped; "
                    "category counts counted afresh."
                )
            )
            return
        bar = None if no_progress else ProgressBar(self.stderr, action.capitalize())
        started = time.monotonic()
        try:
            if action == "rebuild":
                written = services.index_rebuild(progress=bar)
            else:
                report = services.index_check(progress=bar)
        finally:
            if bar:
                bar.close()
        seconds = time.monotonic() - started
        if action == "rebuild":
            self.stdout.write(
                self.style.SUCCESS(
                    f"Indexed {written} documents with the {backend.name} backend in {seconds:.1f}s."
                )
            )
            return
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"The {backend.name} index matches the database ({seconds:.1f}s)."
                )
            )
            return
        for line in report.lines():
            self.stdout.write(line)
        raise CommandError(
            "The search index differs from the database: run `manage.py search_index rebuild`.",
            returncode=1,
        )
