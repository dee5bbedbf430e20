"""Translation keys of quiz questions and options that survive moves and removals.

Existing units are keyed by position ("q2", "q2.o3"), so each row's key starts as its
position and every stored translation stays attached.
"""

from django.db import migrations, models
from django.db.models import F


def keys_from_positions(apps, schema_editor):
    apps.get_model("learning", "Question").objects.update(unit_key=F("position"))
    apps.get_model("learning", "Option").objects.update(unit_key=F("position"))


class Migration(migrations.Migration):
    dependencies = [("learning", "0004_course_authors")]

    operations = [
        migrations.AddField(
            model_name="question",
            name="unit_key",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="translation key"
            ),
        ),
        migrations.AddField(
            model_name="option",
            name="unit_key",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="translation key"
            ),
        ),
        migrations.RunPython(keys_from_positions, migrations.RunPython.noop),
    ]
