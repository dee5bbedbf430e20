"""Search candidates from an index alone, and the lead vector stored plain.

- library_resource_filters: a search's filters (status, language, kind, level, audience)
  then the id, so the candidates are read from the index, not from the wide resource rows
  (bodies and transcripts) — on PostgreSQL an index-only scan.
- PostgreSQL: `lead` (a few dozen lexemes) uncompressed in the row: every match's lead is
  ranked, and decompressing each one cost more than reading it.
"""

from django.db import migrations, models


def lead_plain(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE library_searchdocument ALTER COLUMN lead SET STORAGE PLAIN")
        # Rewrite existing rows so their lead is stored the new way.
        schema_editor.execute("UPDATE library_searchdocument SET title = title")


def lead_main(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE library_searchdocument ALTER COLUMN lead SET STORAGE MAIN")


class Migration(migrations.Migration):
    dependencies = [("library", "0004_postgres_search_vectors")]

    operations = [
        migrations.AddIndex(
            model_name="resource",
            index=models.Index(
                fields=["status", "language", "kind", "level", "audience", "id"],
                name="library_resource_filters",
            ),
        ),
        migrations.RunPython(lead_plain, lead_main, elidable=False),
    ]
