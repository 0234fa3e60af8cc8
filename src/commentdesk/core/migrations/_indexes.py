"""Migration operations on indexes (a module Django's loader skips: ``_``)."""

from django.db import migrations, models


def drop_covered_index(model, field, arguments, table, column, index):
    """Drop a foreign key's own index where a composite index leads with its column.

    Only the index goes: altering the field through the schema editor would rebuild the
    table on SQLite, and with it drop the triggers other migrations put on it.
    """
    return migrations.SeparateDatabaseAndState(
        state_operations=[
            migrations.AlterField(
                model_name=model, name=field, field=models.ForeignKey(db_index=False, **arguments)
            )
        ],
        database_operations=[
            migrations.RunSQL(
                f'DROP INDEX IF EXISTS "{index}"',
                f'CREATE INDEX "{index}" ON "{table}" ("{column}")',
            )
        ],
    )
