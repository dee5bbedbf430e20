from pathlib import Path

from django.db import migrations
from django.utils import timezone

CONDUCT_TEXT = Path(__file__).resolve().parent.parent / "data" / "code_of_conduct.md"


def publish_first_version(apps, schema_editor):
    CodeOfConduct = apps.get_model("accounts", "CodeOfConduct")
    CodeOfConduct.objects.get_or_create(
        version=1,
        defaults={
            "title": "Kuza code of conduct",
            "body": CONDUCT_TEXT.read_text(encoding="utf-8"),
            "published_at": timezone.now(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(publish_first_version, migrations.RunPython.noop)]
