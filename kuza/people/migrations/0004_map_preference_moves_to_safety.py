"""Leaving the capacity map is one safety preference (safety.SafetyPreferences.hide_from_map).

Everyone who had ticked the profile's box keeps it ticked in their safety preferences; the
profile's field goes. Reversible: going back copies the preference onto the profile again.
"""

from django.db import migrations


def copy_to_safety(apps, schema_editor):
    Profile = apps.get_model("people", "Profile")
    SafetyPreferences = apps.get_model("safety", "SafetyPreferences")
    user_ids = list(Profile.objects.filter(hide_from_map=True).values_list("user_id", flat=True))
    SafetyPreferences.objects.filter(user_id__in=user_ids).update(hide_from_map=True)
    existing = set(
        SafetyPreferences.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )
    SafetyPreferences.objects.bulk_create(
        [
            SafetyPreferences(user_id=user_id, hide_from_map=True)
            for user_id in user_ids
            if user_id not in existing
        ],
        batch_size=500,
    )


def copy_back(apps, schema_editor):
    Profile = apps.get_model("people", "Profile")
    SafetyPreferences = apps.get_model("safety", "SafetyPreferences")
    hidden = SafetyPreferences.objects.filter(hide_from_map=True).values("user_id")
    Profile.objects.filter(user_id__in=hidden).update(hide_from_map=True)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_profile_name_order"),
        ("safety", "0002_reports_moderation"),
    ]

    # The field is removed by the next migration, in its own transaction: PostgreSQL refuses
    # to alter a table with pending trigger events in the transaction that wrote the rows.
    operations = [migrations.RunPython(copy_to_safety, copy_back)]
