"""The database's own full-text index over library_searchdocument, per engine.

SQLite: an FTS5 table with external content (the text is stored once, in
library_searchdocument) kept in sync by triggers. Django rebuilds a SQLite table when a later
migration alters it, which drops its triggers: such a migration must run SQLITE_TRIGGERS again
and then `INSERT INTO library_search(library_search) VALUES('rebuild')`.

PostgreSQL: the unaccent extension and a GIN index on the stored tsvector column.
"""

from django.db import migrations

SQLITE_TABLE = """
CREATE VIRTUAL TABLE library_search USING fts5(
    title, body,
    content='library_searchdocument', content_rowid='resource_id',
    tokenize="unicode61 remove_diacritics 2"
)
"""
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER library_search_after_insert AFTER INSERT ON library_searchdocument BEGIN
        INSERT INTO library_search(rowid, title, body)
        VALUES (new.resource_id, new.title, new.body);
    END
    """,
    """
    CREATE TRIGGER library_search_after_delete AFTER DELETE ON library_searchdocument BEGIN
        INSERT INTO library_search(library_search, rowid, title, body)
        VALUES ('delete', old.resource_id, old.title, old.body);
    END
    """,
    """
    CREATE TRIGGER library_search_after_update AFTER UPDATE ON library_searchdocument BEGIN
        INSERT INTO library_search(library_search, rowid, title, body)
        VALUES ('delete', old.resource_id, old.title, old.body);
        INSERT INTO library_search(rowid, title, body)
        VALUES (new.resource_id, new.title, new.body);
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS library_search_after_insert",
    "DROP TRIGGER IF EXISTS library_search_after_delete",
    "DROP TRIGGER IF EXISTS library_search_after_update",
    "DROP TABLE IF EXISTS library_search",
]

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE INDEX library_searchdocument_vector_gin ON library_searchdocument USING gin (vector)",
]
# The extension stays: other apps may use it once it exists.
POSTGRES_DROP = ["DROP INDEX IF EXISTS library_searchdocument_vector_gin"]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = [SQLITE_TABLE, *SQLITE_TRIGGERS]
    elif vendor == "postgresql":
        statements = POSTGRES_CREATE
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
