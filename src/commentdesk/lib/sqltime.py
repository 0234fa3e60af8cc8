"""Time arithmetic that each database does natively.

Django's ``TruncHour`` and datetime subtraction run as Python functions row by row on SQLite;
over a statistics period of a hundred thousand rows that is most of the query's time. These
expressions use SQLite's own ``julianday``/``strftime`` and PostgreSQL's ``EXTRACT``/
``date_trunc`` instead.
"""

from django.db.models import CharField, FloatField, Func


class SecondsBetween(Func):
    """``end - start`` in seconds, as a float."""

    arity = 2
    output_field = FloatField()

    def _operands(self, compiler):
        end_sql, end_params = compiler.compile(self.source_expressions[0])
        start_sql, start_params = compiler.compile(self.source_expressions[1])
        return end_sql, start_sql, [*end_params, *start_params]

    def as_sqlite(self, compiler, connection, **extra):
        end, start, params = self._operands(compiler)
        return f"((julianday({end}) - julianday({start})) * 86400.0)", params

    def as_postgresql(self, compiler, connection, **extra):
        end, start, params = self._operands(compiler)
        return f"EXTRACT(EPOCH FROM ({end} - {start}))::float8", params


class HourBucket(Func):
    """The start of the value's hour (or day), as text 'YYYY-MM-DD HH:00' in UTC."""

    arity = 1
    output_field = CharField()

    def __init__(self, expression, *, daily: bool = False, **extra):
        self.daily = daily
        super().__init__(expression, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # '%' is doubled twice: once for the template, once for the driver's placeholders.
        pattern = "%%%%Y-%%%%m-%%%%d 00:00" if self.daily else "%%%%Y-%%%%m-%%%%d %%%%H:00"
        return self.as_sql(
            compiler, connection, template=f"strftime('{pattern}', %(expressions)s)", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        unit, pattern = ("day", "YYYY-MM-DD") if self.daily else ("hour", "YYYY-MM-DD HH24")
        suffix = " 00:00" if self.daily else ":00"
        template = (
            f"to_char(date_trunc('{unit}', %(expressions)s AT TIME ZONE 'UTC'), '{pattern}')"
            f" || '{suffix}'"
        )
        return self.as_sql(compiler, connection, template=template, **extra)
