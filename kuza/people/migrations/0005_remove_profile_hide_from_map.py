from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("people", "0004_map_preference_moves_to_safety")]

    operations = [migrations.RemoveField(model_name="profile", name="hide_from_map")]
