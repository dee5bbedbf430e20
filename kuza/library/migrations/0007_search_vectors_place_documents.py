"""PostgreSQL: search vectors that also say where a document lies, so that the GIN index
finds a search's newest matches within its filters without reading a row (issue #22).

The GIN index of migration 0002 answered `vector @@ query` with every match: for a word in
half the library, 25,000 rows read, checked against the candidates and sorted to keep the
newest 500; with a filter ("French, intermediate") most of the rows read were then thrown
away. Now each vector also holds, without positions, lexemes no typed word can produce
(they begin with "~"; textsearch's words are letters and digits):

- '~b<n>': the document's block of ids (resource_id / 1024), so "the newest ids" is a few
  lexemes ORed into the query;
- '~language:<code>', '~kind:<k>', '~level:<l>', '~audience:<a>': the resource's filter
  fields, so a filter is one more lexeme ANDed.

The lexemes only narrow: every match is still checked against the candidates (the audience
layer and the real filters), so a stale lexeme could hide a resource from a filtered
search, never show one. Triggers keep them current: the document's trigger writes them
with the vector, and a trigger on library_resource rewrites the document when the
resource's filter fields change. Ranking is unchanged: ts_rank without normalisation
scores the query's lexemes only, and the `lead` vector does not have them.

SQLite is unchanged: its FTS5 index gives matches by rowid, and the candidates' index
gives its filters.
"""

from django.db import migrations

VECTORS = r"""
CREATE OR REPLACE FUNCTION library_searchdocument_vectors() RETURNS trigger AS $$
DECLARE
    placed text[];
BEGIN
    SELECT ARRAY['~b' || (r.id / 1024), '~language:' || r.language, '~kind:' || r.kind,
                 '~level:' || r.level, '~audience:' || r.audience]
        INTO placed FROM library_resource r WHERE r.id = NEW.resource_id;
    NEW.vector := setweight(to_tsvector('simple'::regconfig, NEW.title), 'A')
        || setweight(to_tsvector('simple'::regconfig, NEW.body), 'B')
        || array_to_tsvector(array_remove(coalesce(placed, '{}'), NULL));
    NEW.lead := setweight(to_tsvector('simple'::regconfig, NEW.title), 'A')
        || setweight(to_tsvector('simple'::regconfig, split_part(NEW.body, E'\n', 1)), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""
VECTORS_BEFORE = r"""
CREATE OR REPLACE FUNCTION library_searchdocument_vectors() RETURNS trigger AS $$
BEGIN
    NEW.vector := setweight(to_tsvector('simple'::regconfig, NEW.title), 'A')
        || setweight(to_tsvector('simple'::regconfig, NEW.body), 'B');
    NEW.lead := setweight(to_tsvector('simple'::regconfig, NEW.title), 'A')
        || setweight(to_tsvector('simple'::regconfig, split_part(NEW.body, E'\n', 1)), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""

POSTGRES_CREATE = [
    VECTORS,
    """
    CREATE OR REPLACE FUNCTION library_resource_search_filters() RETURNS trigger AS $$
    BEGIN
        UPDATE library_searchdocument SET title = title WHERE resource_id = NEW.id;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER library_resource_search_filters
    AFTER UPDATE OF language, kind, level, audience ON library_resource
    FOR EACH ROW
    WHEN ((OLD.language, OLD.kind, OLD.level, OLD.audience)
          IS DISTINCT FROM (NEW.language, NEW.kind, NEW.level, NEW.audience))
    EXECUTE FUNCTION library_resource_search_filters()
    """,
    # Existing rows: recompute through the trigger.
    "UPDATE library_searchdocument SET title = title",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS library_resource_search_filters ON library_resource",
    "DROP FUNCTION IF EXISTS library_resource_search_filters()",
    VECTORS_BEFORE,
    "UPDATE library_searchdocument SET title = title",
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
    dependencies = [("library", "0006_search_terms_and_id_filters_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
