from django.db import migrations


class Migration(migrations.Migration):
    """Stands for ``django.contrib.flatpages``' first migration, which Oscar's
    ``customer.0008`` depends on; it creates nothing (Wagtail is the one page system)."""

    dependencies = []
    operations = []
