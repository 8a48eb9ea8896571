from django.core.management.base import BaseCommand

from catalog.services.reference import ocop_groups_load, product_class_load, provinces_load
from shop.services import shop_reference_data_load
from startups.services.union import union_units_load


class Command(BaseCommand):
    help = "Load the data every installation needs: provinces, OCOP groups, Vietnam, payment types."

    def handle(self, *args, **options):
        counts = {
            "provinces": provinces_load(),
            "OCOP groups": ocop_groups_load(),
            "product classes": product_class_load(),
            "shop": shop_reference_data_load(),
            "youth union units": union_units_load(),
        }
        summary = ", ".join(f"{k}: {v} changed" for k, v in counts.items())
        self.stdout.write(f"Reference data loaded ({summary}).")
