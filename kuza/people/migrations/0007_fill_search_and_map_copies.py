"""Fill Profile.active, Profile.on_map and the precomputed capacity map counts."""

from django.db import migrations


def fill(apps, schema_editor):
    from kuza.people import listing

    listing.rebuild(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_search_and_map_copies"),
        ("safety", "0003_moderation_log_append_only_triggers"),
        ("skills", "0002_seed_taxonomy"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
