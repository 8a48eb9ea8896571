"""Uploads stored before they were checked in full: renamed to server-made names, or removed
when their content is not an allowed file (issue 11 #1). ``manage.py uploads_check`` does the
same at any time."""

from django.db import migrations


def check_stored_uploads(apps, schema_editor):
    from catalog.uploads import stored_uploads_check

    stored_uploads_check(fix=True, get_model=apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0037_server_made_upload_names")]

    operations = [migrations.RunPython(check_stored_uploads, migrations.RunPython.noop)]
