"""The moderation log refuses UPDATE and DELETE in the database itself, not only in the ORM.

The model already refuses `save()` on an existing entry, `delete()` and bulk writes; these
triggers also stop raw SQL, a shell, a data migration or another program sharing the database.
Both databases answer with an integrity error, so callers see one kind of failure.

What still works, on purpose:
- deleting an account: `actor` and `subject_user` have no database constraint and
  `on_delete=DO_NOTHING`, so no cascade touches an entry; entries keep the ids and the names
  copied when they were written (the log is the record of what moderators did);
- deleting a report that has entries is refused (`on_delete=PROTECT`, and the foreign key);
- TRUNCATE on PostgreSQL: it needs the table owner, who can drop a trigger anyway, and Django's
  test `flush` uses it. On SQLite, `flush` is `DELETE FROM`, which the trigger refuses while the
  table has rows: a transactional test that writes the log must remove the triggers first.
"""

from django.db import migrations

TABLE = "safety_moderationlogentry"
MESSAGE = "The moderation log is append-only: entries cannot be changed or deleted."

POSTGRESQL_FORWARD = f"""
CREATE FUNCTION kuza_moderation_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER moderation_log_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION kuza_moderation_log_append_only();
"""
POSTGRESQL_BACKWARD = f"""
DROP TRIGGER IF EXISTS moderation_log_append_only ON {TABLE};
DROP FUNCTION IF EXISTS kuza_moderation_log_append_only();
"""

SQLITE_FORWARD = [
    f"""CREATE TRIGGER moderation_log_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER moderation_log_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS moderation_log_no_update",
    "DROP TRIGGER IF EXISTS moderation_log_no_delete",
]


def _run(statements_by_vendor: dict):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(
                f"No append-only trigger for {schema_editor.connection.vendor}; Kuza supports "
                "SQLite and PostgreSQL."
            )
        for statement in [statements] if isinstance(statements, str) else statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("safety", "0002_reports_moderation")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
