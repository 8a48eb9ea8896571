"""Provinces sort in Vietnamese alphabetical order (core.text.vietnamese_sort_string)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from core.text import vietnamese_sort_string

    Province = apps.get_model("catalogue", "Province")
    for province in Province.objects.all():
        province.sort_name = vietnamese_sort_string(province.name)
        province.save(update_fields=["sort_name"])


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0038_check_stored_uploads")]

    operations = [
        migrations.AddField(
            model_name="province",
            name="sort_name",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=512,
                                   verbose_name="sort key"),
        ),
        migrations.AlterModelOptions(
            name="province",
            options={"ordering": ["sort_name"], "verbose_name": "province or city",
                     "verbose_name_plural": "provinces and cities"},
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
