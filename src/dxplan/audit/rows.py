"""Many new rows in a few statements, for an import: what bulk_create does, at a third of its cost.

Django's bulk_create compiles every value of every row through its field's `get_db_prep_save`;
an import of a large plan inserts tens of thousands of rows with their history events, and that
compilation was most of its time (benchmarks/README.md). Here the SQL is built once per batch and
only the values that need converting (decimals, JSON, dates) go through the field; text, numbers,
booleans and foreign-key ids reach the database driver as they are. Like bulk_create, no `save()`
runs and no signal is sent: the callers (audit.actions) write the history themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

# Fields whose Python value is what the driver stores (after the schema's validation).
PASSED_AS_IS = (
    models.CharField,  # SlugField too
    models.TextField,
    models.IntegerField,  # the positive and small ones too
    models.BooleanField,
    models.ForeignKey,
)
PARAMETERS_PER_STATEMENT = {"sqlite": 999}  # SQLite's default SQLITE_LIMIT_VARIABLE_NUMBER
DEFAULT_PARAMETERS = 20_000


def columns(model: type[models.Model]) -> list[models.Field]:
    """The stored fields of a model, without its automatic primary key."""
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def converters(fields: Sequence[models.Field]) -> list[Callable[[Any], Any] | None]:
    """For each field, what turns its value into the database's, or None where nothing must."""
    db = connections[DEFAULT_DB_ALIAS]  # the connection itself, not the per-thread proxy
    out: list[Callable[[Any], Any] | None] = []
    for f in fields:
        if isinstance(f, PASSED_AS_IS):
            out.append(None)
        else:
            out.append(partial(_prepared, f, db))
    return out


def _prepared(f: models.Field, db: Any, value: Any) -> Any:
    return f.get_db_prep_save(value, db)


def values(objs: Sequence[Any], fields: Sequence[models.Field]) -> list[list[Any]]:
    """The database values of each object's fields, by attribute name, in `fields` order.

    A value that is the very object of the row before (a batch's one timestamp) is converted once.
    """
    convert = [(i, to_db) for i, to_db in enumerate(converters(fields)) if to_db is not None]
    names = [f.attname for f in fields]
    last: dict[int, tuple[Any, Any]] = {}
    rows = []
    for obj in objs:
        row = [getattr(obj, name) for name in names]
        for i, to_db in convert:
            value = row[i]
            if value is None:
                continue
            seen = last.get(i)
            if seen is not None and seen[0] is value:
                row[i] = seen[1]
            else:
                row[i] = to_db(value)
                last[i] = (value, row[i])
        rows.append(row)
    return rows


def insert(
    model: type[models.Model],
    fields: Sequence[models.Field],
    rows: list[list[Any]],
    *,
    returning: bool,
) -> list[Any]:
    """Insert the rows; the new primary keys in row order when `returning` (else [])."""
    if not rows:
        return []
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields if f.column is not None)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    pk = quote(model._meta.pk.column) if model._meta.pk and model._meta.pk.column else ""
    limit = PARAMETERS_PER_STATEMENT.get(connection.vendor, DEFAULT_PARAMETERS)
    size = max(1, min(500, limit // max(1, len(fields))))
    pks: list[Any] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            # Only the model's own table and column names, quoted, go into the SQL; values are
            # bound as parameters.
            sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(batch))}"  # noqa: S608
            params = [value for row in batch for value in row]
            if returning:
                cursor.execute(f"{sql} RETURNING {pk}", params)
                pks += [r[0] for r in cursor.fetchall()]
            else:
                cursor.execute(sql, params)
    return pks
