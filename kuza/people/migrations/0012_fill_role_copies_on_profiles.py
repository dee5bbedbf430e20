"""Fill Profile.any_<role> (and every other copy listing keeps) for existing people."""

from django.db import migrations


def fill(apps, schema_editor):
    from kuza.people import listing

    listing.sync_copies(apps)


class Migration(migrations.Migration):
    dependencies = [("people", "0011_role_copies_on_profiles")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
