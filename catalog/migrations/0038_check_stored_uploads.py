"""Uploads stored before they were checked in full: renamed to server-made names with the
extension of their real type, or removed when their content is not an allowed file (issue 11
#1). ``manage.py uploads_check --fix`` does the same at any time; a second run changes nothing."""

from django.db import migrations


def check_stored_uploads(apps, schema_editor):
    from core.uploads import STORED_UPLOADS, stored_uploads_check

    labels = {entry.label for entry in STORED_UPLOADS if entry.label.startswith("catalogue.")}
    report = stored_uploads_check(fix=True, get_model=apps.get_model, labels=labels)
    for problem in report["problems"]:
        print(f"  uploads: {problem}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0037_server_made_upload_names")]

    operations = [migrations.RunPython(check_stored_uploads, migrations.RunPython.noop)]
