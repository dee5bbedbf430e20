"""Seed the list of Wikimedia wikis organisers pick from.

The eleven Wikiquote editions of the #SheSaid drive, Wikipedias common in the communities
Kuza serves, and Wikimedia Commons (where uploads usually go). The data is written out here,
not imported from the app, so this migration stays what it was when it ran.
"""

from django.db import migrations

WIKIQUOTES = {
    "en": "English Wikiquote",
    "fr": "Wikiquote en français",
    "es": "Wikiquote en español",
    "it": "Wikiquote in italiano",
    "pt": "Wikiquote em português",
    "ar": "ويكي الاقتباس",
    "sw": "Wikiquote ya Kiswahili",
    "uk": "Вікіцитати",
    "pl": "Wikicytaty",
    "ca": "Viquidites",
    "de": "Wikiquote auf Deutsch",
}
WIKIPEDIAS = {
    "en": "English Wikipedia",
    "fr": "Wikipédia en français",
    "ar": "ويكيبيديا العربية",
    "sw": "Wikipedia ya Kiswahili",
    "pt": "Wikipédia em português",
    "es": "Wikipedia en español",
    "de": "Deutschsprachige Wikipedia",
    "it": "Wikipedia in italiano",
    "yo": "Wikipedia Yorùbá",
    "ha": "Wikipedia Hausa",
    "ig": "Wikipedia Igbo",
    "zu": "Wikipedia isiZulu",
    "xh": "Wikipedia isiXhosa",
    "af": "Afrikaanse Wikipedia",
    "am": "አማርኛ ውክፔዲያ",
    "so": "Wikipedia Soomaali",
    "rw": "Wikipedia Ikinyarwanda",
    "ln": "Wikipedia Lingála",
    "wo": "Wikipedia Wolof",
    "tw": "Wikipedia Twi",
    "ary": "ويكيپيديا المغربية",
    "arz": "ويكيبيديا مصرى",
}


def seed(apps, schema_editor):
    Wiki = apps.get_model("campaigns", "Wiki")
    rows = []
    for language, name in WIKIQUOTES.items():
        rows.append(
            Wiki(
                db_name=f"{language}wikiquote",
                name=name,
                language=language,
                project="wikiquote",
                api_url=f"https://{language}.wikiquote.org/w/api.php",
            )
        )
    for language, name in WIKIPEDIAS.items():
        rows.append(
            Wiki(
                db_name=f"{language}wiki",
                name=name,
                language=language,
                project="wikipedia",
                api_url=f"https://{language}.wikipedia.org/w/api.php",
            )
        )
    rows.append(
        Wiki(
            db_name="commonswiki",
            name="Wikimedia Commons",
            language="mul",
            project="commons",
            api_url="https://commons.wikimedia.org/w/api.php",
        )
    )
    Wiki.objects.bulk_create(rows, ignore_conflicts=True)


def unseed(apps, schema_editor):
    Wiki = apps.get_model("campaigns", "Wiki")
    Wiki.objects.filter(added_by__isnull=True, api_url__endswith=".org/w/api.php").delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
