"""Bounded prefixes and cheap candidate checks for library search (issue #22).

- SearchTerm: every word the search documents hold, so a prefix ("wiki*") is expanded to at
  most textsearch.MAX_PREFIX_WORDS indexed words, the same way on both engines. On
  PostgreSQL the column uses the "C" collation: the words beginning with a prefix are one
  range of the primary key, in the code point order SQLite's BINARY collation has.
  Filled here from the existing documents.
- library_resource_id_filters: the id, then every filter, so a search checks whether a
  match is a candidate from the index alone, without reading the wide resource row.
"""

from django.db import migrations, models

from kuza.library.textsearch import words

BATCH = 500
LONGEST_TERM = 64


def c_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE library_searchterm ALTER COLUMN term TYPE varchar(64) COLLATE "C"'
        )


def fill_terms(apps, schema_editor):
    SearchDocument = apps.get_model("library", "SearchDocument")
    SearchTerm = apps.get_model("library", "SearchTerm")
    seen: set[str] = set()
    documents = SearchDocument.objects.order_by("pk").values_list("title", "body")
    for title, body in documents.iterator(chunk_size=BATCH):
        found = {word for word in words(title + "\n" + body) if len(word) <= LONGEST_TERM}
        new = found - seen
        if new:
            seen |= new
            SearchTerm.objects.bulk_create(
                [SearchTerm(term=word) for word in sorted(new)], ignore_conflicts=True
            )


class Migration(migrations.Migration):
    dependencies = [("library", "0005_search_filters_index")]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[("term", models.CharField(max_length=64, primary_key=True, serialize=False))],
            options={"verbose_name": "search term", "verbose_name_plural": "search terms"},
        ),
        migrations.RunPython(c_collation, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="resource",
            index=models.Index(
                fields=["id", "status", "language", "kind", "level", "audience"],
                name="library_resource_id_filters",
            ),
        ),
        migrations.RunPython(fill_terms, migrations.RunPython.noop, elidable=False),
    ]
