"""Time arithmetic that each database does natively.

Django's datetime subtraction runs as a Python function row by row on SQLite; over a
statistics period of a hundred thousand rows that is most of the query's time. This
expression uses SQLite's own ``julianday`` and PostgreSQL's ``EXTRACT`` instead.
"""

from django.db.models import FloatField, Func


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
