"""The firm's data version: one row, and a deferred trigger on every table of the matters app and on the
people table that gives it a new token when a transaction that changed any of them commits.

The trigger is a constraint trigger, DEFERRABLE INITIALLY DEFERRED: it fires at commit, so the version row is
locked only for the last moment of a writing transaction (writers do not queue behind each other, and no
lock is taken after it, so it cannot take part in a deadlock). It fires once per changed row; the marker
makes the first firing of a statement do the update and the others return. New firms, cloned from the
template schema, get the function and the triggers with the tables. A test checks that every matters table
has the trigger, so a table added later is not forgotten.
"""

from django.db import migrations, models

CREATE = r"""
INSERT INTO matters_dataversion (token, changed_at) VALUES (gen_random_uuid(), now());

CREATE FUNCTION matters_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    marker text := TG_TABLE_SCHEMA || ':' || txid_current()::text || ':' || statement_timestamp()::text;
BEGIN
    IF current_setting('qingshou.data_changed', true) IS DISTINCT FROM marker THEN
        PERFORM set_config('qingshou.data_changed', marker, true);
        EXECUTE format('UPDATE %I.matters_dataversion SET token = gen_random_uuid(), changed_at = now()',
                       TG_TABLE_SCHEMA);
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    name text;
BEGIN
    FOR name IN
        SELECT tablename FROM pg_tables
        WHERE schemaname = current_schema()
          AND (tablename LIKE 'matters\_%' OR tablename = 'accounts_user')
          AND tablename <> 'matters_dataversion'
    LOOP
        EXECUTE format('CREATE CONSTRAINT TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE ON %I '
                       'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION matters_data_changed()',
                       name);
    END LOOP;
END
$$;
"""

DROP = r"""
DO $$
DECLARE
    name text;
BEGIN
    FOR name IN
        SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE t.tgname = 'data_changed' AND c.relnamespace = current_schema()::regnamespace
    LOOP
        EXECUTE format('DROP TRIGGER data_changed ON %I', name);
    END LOOP;
END
$$;
DROP FUNCTION matters_data_changed();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("matters", "0003_stored_figures"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.UUIDField()),
                ("changed_at", models.DateTimeField()),
            ],
        ),
        migrations.RunSQL(CREATE, DROP),
    ]
