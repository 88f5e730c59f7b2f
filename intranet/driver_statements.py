"""Hot statements compiled once per database and run on the driver's own cursor.

`Connection.execute` spends, on every run of a statement, more than the database does on
it: the cache key, a compiled-statement lookup, an execution context, a result object, the
type conversions set up anew. For the few statements every booking runs, `DriverStatement`
does that setup once per dialect: the SQL text, each parameter's conversion (its type's own
bind processor) and each result column's, and then runs them on the DBAPI cursor of the same
connection, in its transaction. What the rest of the code relies on still holds:
- the engine's statement events fire (before/after_execute, before/after_cursor_execute):
  the tests count statements and read each queued email through them;
- a driver error is raised as SQLAlchemy's (`IntegrityError` naming the index, and so on),
  and a connection the server dropped is invalidated, so that the pool replaces it;
- only statements without Python-side column defaults are accepted (those need SQLAlchemy's
  execution context): every value is passed.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, exc
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine

Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class _Prepared:
    """A statement as one dialect runs it: its text and how to fill its placeholders."""

    sql: str
    positional: bool
    # Positional: each placeholder in order (repeats included), as (index, parameter, its
    # conversion or None), and the values the statement itself holds (a constant it compares
    # to), converted once, in their places. Named: the conversions and the constants by name.
    slots: tuple[tuple[int, str, Convert | None], ...]
    template: tuple[Any, ...]
    binds: dict[str, Convert]
    fixed: dict[str, Any]
    results: tuple[Convert | None, ...]  # each result column's result processor, or None


def _bind_processor(type_: TypeEngine[Any], dialect: Dialect) -> Convert | None:
    return type_.dialect_impl(dialect).bind_processor(dialect)


def _result_processor(type_: TypeEngine[Any], dialect: Dialect) -> Convert | None:
    return type_.dialect_impl(dialect).result_processor(dialect, None)


class DriverStatement:
    """A Core statement run on the driver's cursor, its compilation kept per dialect.

    `column_keys`: for an INSERT without values, the columns each run gives (all of them).
    """

    def __init__(self, statement: ClauseElement, column_keys: Sequence[str] | None = None):
        self.statement = statement
        self.column_keys = list(column_keys) if column_keys is not None else None
        self._prepared: dict[str, _Prepared] = {}

    def _prepare(self, dialect: Dialect) -> _Prepared:
        compiled = self.statement.compile(dialect=dialect, column_keys=self.column_keys)
        assert isinstance(compiled, SQLCompiler)
        if compiled.insert_prefetch:
            # A column's default computed in Python needs SQLAlchemy's execution context.
            missing = ", ".join(column.key for column in compiled.insert_prefetch)
            raise ValueError(f"name every column: the defaults of {missing} are not applied here")
        binds = {
            name: processor
            for name, bind in compiled.binds.items()
            if (processor := _bind_processor(bind.type, dialect)) is not None
        }
        fixed = {
            name: binds[name](bind.effective_value) if name in binds else bind.effective_value
            for name, bind in compiled.binds.items()
            if not bind.required
        }
        names = list(compiled.positiontup or ()) if dialect.positional else []
        slots = tuple(
            (index, name, binds.get(name)) for index, name in enumerate(names) if name not in fixed
        )
        template = tuple(fixed.get(name) for name in names)
        # A SELECT's columns, or an INSERT's RETURNING (none for a plain INSERT).
        columns = getattr(self.statement, "exported_columns", ())
        results = tuple(_result_processor(column.type, dialect) for column in columns)
        return _Prepared(
            compiled.string, dialect.positional, slots, template, binds, fixed, results
        )

    def prepared(self, dialect: Dialect) -> _Prepared:
        """The statement's text and conversions for this dialect, made on first use."""
        found = self._prepared.get(dialect.name)
        if found is None:
            found = self._prepared[dialect.name] = self._prepare(dialect)
        return found

    def _parameters(self, prepared: _Prepared, params: Mapping[str, Any]) -> Any:
        if prepared.positional:
            values = list(prepared.template)
            for index, name, convert in prepared.slots:
                value = params[name]
                values[index] = value if convert is None else convert(value)
            return tuple(values)
        binds = prepared.binds
        return {
            **prepared.fixed,
            **{
                name: binds[name](value) if name in binds else value
                for name, value in params.items()
            },
        }

    def rows(self, connection: Connection, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Run with one set of parameters; every row, converted as Connection.execute would."""
        prepared = self.prepared(connection.dialect)
        fetched = self._run(connection, prepared, [params], many=False)
        results = prepared.results
        if not any(results):
            return [tuple(row) for row in fetched]
        return [
            tuple(
                convert(value) if convert is not None else value
                for convert, value in zip(results, row, strict=True)
            )
            for row in fetched
        ]

    def scalar(self, connection: Connection, params: Mapping[str, Any]) -> Any:
        """Run with one set of parameters; the first column of the one row."""
        (row,) = self.rows(connection, params)
        return row[0]

    def execute_many(self, connection: Connection, sets: Sequence[Mapping[str, Any]]) -> None:
        """Run once per set of parameters (an INSERT of several rows); nothing returned."""
        self._run(connection, self.prepared(connection.dialect), sets, many=True)

    def _run(
        self,
        connection: Connection,
        prepared: _Prepared,
        sets: Sequence[Mapping[str, Any]],
        *,
        many: bool,
    ) -> list[Any]:
        """Run on the connection's driver cursor, with the engine's statement events around it."""
        dispatch = connection.dispatch
        # The events' arguments as Connection.execute gives them: one set of parameters as
        # `params`, several as `multiparams`; no execution context (None, as documented).
        multiparams, params = ([], sets[0]) if len(sets) == 1 else (list(sets), {})
        for listener in dispatch.before_execute:
            listener(connection, self.statement, multiparams, params, {})
        converted = [self._parameters(prepared, each) for each in sets]
        parameters: Any = converted if many else converted[0]
        dbapi = connection.dialect.loaded_dbapi
        cursor = connection.connection.cursor()
        try:
            for listener in dispatch.before_cursor_execute:
                listener(connection, cursor, prepared.sql, parameters, None, many)
            if many:
                cursor.executemany(prepared.sql, parameters)
            else:
                cursor.execute(prepared.sql, parameters)
            for listener in dispatch.after_cursor_execute:
                listener(connection, cursor, prepared.sql, parameters, None, many)
            # Whether rows come back is known from the statement: psycopg builds a cursor's
            # description anew (an object for each column) each time it is asked.
            rows = list(cursor.fetchall()) if prepared.results and not many else []
        except dbapi.Error as error:
            # A dropped server connection is discarded, as Connection.execute does: the pool
            # opens a new one instead of handing this one out again.
            dropped = connection.dialect.is_disconnect(
                error, connection.connection.dbapi_connection, cursor
            )
            if dropped:
                connection.invalidate(error)
            raise exc.DBAPIError.instance(
                prepared.sql,
                parameters,
                error,
                dbapi.Error,
                connection_invalidated=dropped,
                dialect=connection.dialect,
            ) from error
        finally:
            cursor.close()
        for listener in dispatch.after_execute:
            listener(connection, self.statement, multiparams, params, {}, None)
        return rows
