"""PostgreSQL: the search vectors computed by a trigger, a small `lead` vector kept in the
row for shortlisting, and the long texts moved out of the row.

Why: at 50,000 resources a common word matches half of them, and both the count and the
ranking read every matching row. Rows holding their texts and a 3 KB vector made that
about a second. Now:

- `toast_tuple_target = 128` moves the long values (texts, full vector) to the TOAST table:
  the GIN index finds the matches (no recheck for plain words) and the count reads only
  the small rows;
- `lead` (title, weight A, and the first line, the summary, weight B) stays in the row
  (STORAGE MAIN): every match is ranked on it cheaply, and only a shortlist of the best is
  ranked on the full vector (search.py);
- the text is already folded by textsearch.normalise, which removes every accent unaccent()
  would and Arabic harakat it does not: no unaccent() call is needed, so the trigger uses
  only immutable to_tsvector('simple', ...).

SQLite is unchanged: its FTS5 table (migration 0002) keeps working, `lead` stays empty.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations

POSTGRES_CREATE = [
    """
    CREATE OR REPLACE FUNCTION library_searchdocument_vectors() RETURNS trigger AS $$
    BEGIN
        NEW.vector := setweight(to_tsvector('simple'::regconfig, NEW.title), 'A')
            || setweight(to_tsvector('simple'::regconfig, NEW.body), 'B');
        NEW.lead := setweight(to_tsvector('simple'::regconfig, NEW.title), 'A')
            || setweight(to_tsvector('simple'::regconfig, split_part(NEW.body, E'\\n', 1)), 'B');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER library_searchdocument_vectors
    BEFORE INSERT OR UPDATE ON library_searchdocument
    FOR EACH ROW EXECUTE FUNCTION library_searchdocument_vectors()
    """,
    "ALTER TABLE library_searchdocument ALTER COLUMN lead SET STORAGE MAIN",
    "ALTER TABLE library_searchdocument SET (toast_tuple_target = 128)",
    # Existing rows: recompute through the trigger, and rewrite them out of line.
    "UPDATE library_searchdocument SET title = title",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS library_searchdocument_vectors ON library_searchdocument",
    "DROP FUNCTION IF EXISTS library_searchdocument_vectors()",
    "ALTER TABLE library_searchdocument RESET (toast_tuple_target)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("library", "0003_skill_foreign_keys")]

    operations = [
        # Nullable without a default: SQLite adds the column in place, so the FTS5 triggers
        # on this table (migration 0002) stay.
        migrations.AddField(
            model_name="searchdocument", name="lead", field=SearchVectorField(null=True)
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
