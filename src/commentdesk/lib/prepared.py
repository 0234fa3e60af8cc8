"""ORM queries and inserts compiled once per process, then run with new parameters.

Building and compiling a query costs the ORM far more than the database takes to answer a
lookup by key: on a comment submission, the story read with its site and screening versions
took about a millisecond of CPU, of which SQLite's own work was a few percent. ``Prepared``
builds its queryset once per database with placeholder values, keeps the SQL and the way the
ORM turns a row into instances (select_related models, annotations, converters), and from
then on only runs the SQL. The instances are the ones ``queryset.first()`` would give.

Only for querysets that differ in their parameters alone: the placeholders must each reach
the SQL once, unchanged (lookups by equality, not ``__in`` or ``__contains``), and the
arguments must be values the ORM would send as they are: where it would answer "nothing"
without asking the database (an integer beyond its column's range), the caller must.

``insert`` is ``obj.save(force_insert=True)`` with the INSERT statement built once per model;
``insert_together`` inserts a row and rows that refer to it, on PostgreSQL in one statement.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet, signals
from django.db.models.query import get_related_populators


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: list  # the query's own parameters, with the placeholders' slots to fill
    slots: list[int]  # where each argument goes in ``params``
    converters: list  # (position, converters, expression), as the compiler applies them
    model: type[Model]
    fields: slice  # the model's columns in the row
    init_list: list[str]
    populators: list  # select_related models
    annotations: dict[str, int]


class Prepared:
    """``Prepared(build, *placeholders)``: ``build(*args)`` makes the queryset; calling the
    prepared query with the real arguments gives its first row's instance, or None."""

    def __init__(self, build: Callable[..., QuerySet], *placeholders: Any):
        self.build = build
        self.placeholders = placeholders
        self.compiled: dict[tuple[str, str], _Compiled] = {}
        self.model: type[Model] | None = None  # known once built

    def __call__(self, *args: Any) -> Model | None:
        if self.model is None:
            self.model = self.build(*self.placeholders).model
        db = router.db_for_read(self.model)
        connection = connections[db]
        key = (db, connection.vendor)
        compiled = self.compiled.get(key)
        if compiled is None:
            compiled = self.compiled[key] = self._compile(db)
        params = list(compiled.params)
        for slot, value in zip(compiled.slots, args, strict=True):
            params[slot] = value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for position, converters, expression in compiled.converters:
            for converter in converters:
                row[position] = converter(row[position], expression, connection)
        obj = compiled.model.from_db(db, compiled.init_list, row[compiled.fields])
        for populator in compiled.populators:
            populator.populate(row, obj)
        for name, position in compiled.annotations.items():
            setattr(obj, name, row[position])
        return obj

    def _compile(self, db: str) -> _Compiled:
        compiler = self.build(*self.placeholders)[:1].query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        slots = []
        for placeholder in self.placeholders:
            found = [i for i, value in enumerate(params) if value == placeholder]
            if len(found) != 1:
                raise ValueError(f"Placeholder {placeholder!r} is {len(found)} times in {sql}")
            slots.append(found[0])
        columns = [s[0] for s in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(columns)
        info = compiler.klass_info
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        return _Compiled(
            sql=sql,
            params=list(params),
            slots=slots,
            converters=[(pos, convs, expr) for pos, (convs, expr) in converters.items()],
            model=info["model"],
            fields=slice(start, end),
            init_list=[s[0].target.attname for s in compiler.select[start:end]],
            populators=get_related_populators(info, compiler.select, db),
            annotations=dict(compiler.annotation_col_map),
        )


_inserts: dict[tuple[type[Model], str, str], tuple[str, list]] = {}


def _insert_sql(model: type[Model], connection) -> tuple[str, list]:
    """(INSERT ... RETURNING the primary key, the fields whose values it takes)."""
    meta = model._meta
    fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
    quote = connection.ops.quote_name
    returning, _ = connection.ops.return_insert_columns([meta.pk])
    sql = "INSERT INTO {} ({}) VALUES ({}) {}".format(  # noqa: S608 (quoted model names)
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
        returning,
    )
    return sql, fields


def _insert_params(obj: Model, fields: list, connection) -> list:
    return [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]


def _check_insertable(obj: Model) -> None:
    model = type(obj)
    if signals.pre_save.has_listeners(model) or signals.post_save.has_listeners(model):
        raise TypeError(f"{model.__name__} has save signal receivers: use save().")
    if model._meta.auto_field is not None and obj.pk is not None:
        raise TypeError(f"{model.__name__} {obj.pk} has its key already: use save().")


def insert(obj: Model) -> None:
    """Store a new instance, as ``obj.save(force_insert=True)`` would: the fields' pre_save
    (``auto_now_add``) and database preparation, the primary key set from the database.

    The model's own ``save`` is not called: only for models whose ``save`` adds nothing to
    a first save and that no pre_save or post_save receiver listens to (checked). The
    database numbers the rows of a model with an automatic key (one given is refused).
    """
    _check_insertable(obj)
    model = type(obj)
    obj._prepare_related_fields_for_save(operation_name="save")
    db = router.db_for_write(model, instance=obj)
    connection = connections[db]
    key = (model, db, connection.vendor)
    if key not in _inserts:
        _inserts[key] = _insert_sql(model, connection)
    sql, fields = _inserts[key]
    with connection.cursor() as cursor:
        cursor.execute(sql, _insert_params(obj, fields, connection))
        obj.pk = cursor.fetchone()[0]
    _stored(obj, db)


def _stored(obj: Model, db: str) -> None:
    obj._state.adding = False
    obj._state.db = db


def insert_together(first: Model, *rows: Model) -> None:
    """Insert ``first``, then ``rows`` whose foreign keys refer to it, as ``insert`` does each.

    PostgreSQL takes them in one statement (a data-modifying WITH): one round trip, and
    atomic on its own, so a caller with nothing else to write needs no transaction, which
    would cost two more. Other databases take them one after the other, in the caller's
    transaction.
    """
    links = [_links_to(row, first) for row in rows]
    if not inserts_together_atomically(type(first)):
        for obj in (first, *rows):
            insert(obj)
        return
    for obj in (first, *rows):
        _check_insertable(obj)
    db = router.db_for_write(type(first), instance=first)
    connection = connections[db]
    first._prepare_related_fields_for_save(operation_name="save")
    key = (tuple(type(obj) for obj in (first, *rows)), tuple(links), db)
    if key not in _inserts_together:
        _inserts_together[key] = _insert_together_sql(first, rows, links, connection)
    sql, field_lists = _inserts_together[key]
    params = _insert_params(first, field_lists[0], connection)
    for row, fields in zip(rows, field_lists[1:], strict=True):
        params += _insert_params(row, fields, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        first.pk, *keys = cursor.fetchone()
    _stored(first, db)
    for row, row_links, pk in zip(rows, links, keys, strict=True):
        for name in row_links:
            setattr(row, row._meta.get_field(name).attname, first.pk)
        row.pk = pk
        _stored(row, db)


def inserts_together_atomically(model: type[Model]) -> bool:
    """Whether ``insert_together`` writes rows of ``model`` first in one statement."""
    return connections[router.db_for_write(model)].vendor == "postgresql"


_inserts_together: dict[tuple, tuple[str, list[list]]] = {}


def _links_to(row: Model, first: Model) -> tuple[str, ...]:
    """The names of the row's foreign keys set to ``first``; every other one must be set."""
    links = tuple(
        f.name
        for f in row._meta.concrete_fields
        if f.is_relation and f.is_cached(row) and f.get_cached_value(row) is first
    )
    if not links:
        raise ValueError(f"{type(row).__name__} does not refer to the first row.")
    for f in row._meta.concrete_fields:
        if f.is_relation and f.name not in links and f.is_cached(row):
            related = f.get_cached_value(row)
            if related is not None and related.pk is None:
                raise ValueError(f"{type(row).__name__}.{f.name} is not stored yet.")
            if related is not None:
                setattr(row, f.attname, getattr(related, f.target_field.attname))
    return links


def _insert_together_sql(first, rows, links, connection) -> tuple[str, list[list]]:
    """WITH r0 AS (INSERT ... VALUES ... RETURNING pk), r1 AS (INSERT ... SELECT ..., r0.pk
    FROM r0 RETURNING pk), ... SELECT r0.pk, r1.pk, ... FROM r0, r1, ...; and for each row,
    the fields whose values it takes, in order."""
    quote = connection.ops.quote_name
    first_sql, first_fields = _insert_sql(type(first), connection)
    first_pk = quote(type(first)._meta.pk.column)
    parts, field_lists = [f"r0 AS ({first_sql})"], [first_fields]
    for n, (row, row_links) in enumerate(zip(rows, links, strict=True), start=1):
        meta = row._meta
        columns, values, fields = [], [], []
        for f in _insert_sql(type(row), connection)[1]:  # the fields an INSERT of it takes
            columns.append(quote(f.column))
            if f.name in row_links:
                values.append(f"r0.{first_pk}")
            else:
                values.append("%s")
                fields.append(f)
        parts.append(
            f"r{n} AS (INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
            f"SELECT {', '.join(values)} FROM r0 RETURNING {quote(meta.pk.column)})"
        )
        field_lists.append(fields)
    names = [f"r{n}" for n in range(len(rows) + 1)]
    keys = [f"r0.{first_pk}"] + [
        f"r{n}.{quote(row._meta.pk.column)}" for n, row in enumerate(rows, start=1)
    ]
    sql = f"WITH {', '.join(parts)} SELECT {', '.join(keys)} FROM {', '.join(names)}"  # noqa: S608
    return sql, field_lists
