import os

from django.core.management.base import BaseCommand

from cms.demo.loader import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    OFFICER_EMAIL,
    OFFICER_PASSWORD,
    SELLER_EMAIL,
    SELLER_PASSWORD,
    demo_load,
)


class Command(BaseCommand):
    help = "Load the demo catalogue (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        report = demo_load()
        if report.changed:
            made = ", ".join(f"{n} {kind}" for kind, n in report.created.items() if n)
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {made or 'admin account'}."))
        else:
            self.stdout.write("Demo data already present: nothing changed.")
        base = f"http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
        self.stdout.write(
            f"Admin login: {ADMIN_USERNAME} / {ADMIN_PASSWORD} (e-mail {ADMIN_EMAIL}) at "
            f"{base}/shop/dashboard/ and {base}/cms-admin/"
        )
        self.stdout.write(
            f"Union officer (Tỉnh đoàn Đắk Lắk): {OFFICER_EMAIL} / {OFFICER_PASSWORD} at "
            f"{base}/union/applications/"
        )
        self.stdout.write(
            f"Seller (HTX Cà phê Ea Tu, with a startup and a pitch): {SELLER_EMAIL} / "
            f"{SELLER_PASSWORD} at {base}/shop/dashboard/"
        )
