from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0036_productimage_is_approved"),
        ("partner", "0009_partner_bank_account_holder_and_more"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="stockrecord",
            index=models.Index(fields=["partner", "product"], name="stockrecord_seller_product"),
        ),
    ]
