"""Fill Profile.language_tags and its copy on each skill claim (and every other copy)."""

from django.db import migrations


def fill(apps, schema_editor):
    from kuza.people import listing

    listing.sync_copies(apps)


class Migration(migrations.Migration):
    dependencies = [("people", "0013_language_copies")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
