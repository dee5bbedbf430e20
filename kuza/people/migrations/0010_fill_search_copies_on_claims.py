"""Fill the copies each skill claim keeps of its person's profile (see SkillClaim)."""

from django.db import migrations


def fill(apps, schema_editor):
    from kuza.people import listing

    listing.copy_to_claims(apps, apps.get_model("people", "Profile").objects.all())


class Migration(migrations.Migration):
    dependencies = [("people", "0009_search_copies_on_claims")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
