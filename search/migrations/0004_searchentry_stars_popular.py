from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_speed")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["kind", "-stars", "-popularity"],
                               name="searchentry_stars_popular"),
        ),
    ]
