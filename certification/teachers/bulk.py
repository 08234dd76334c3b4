"""Bulk writes for the import (and the benchmark's generator): one executemany per table,
straight to the driver, each value through its column type's own bind processor. The
values are those SQLAlchemy would send; its per-row bookkeeping, which costs more than the
database itself at 100,000 rows, is skipped. Runs in the caller's transaction."""


def bulk_insert(connection, table, rows: list[dict], chunk: int = 20_000) -> None:
    if not rows:
        return
    dialect = connection.dialect
    names = list(rows[0])
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in names]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "  # noqa: S608
           f"VALUES ({', '.join([mark] * len(names))})")
    columns = [(name, _memoised(process) if process else None) for name, process in zip(names, processors,
                                                                                           strict=True)]
    for start in range(0, len(rows), chunk):
        values = [tuple(process(row[name]) if process else row[name] for name, process in columns)
                  for row in rows[start:start + chunk]]
        connection.exec_driver_sql(sql, values)


def _memoised(process):
    """Imports repeat values (one timestamp, a few genre lists); convert each once."""
    seen = {}

    def convert(value):
        key = tuple(value) if isinstance(value, list) else value
        try:
            return seen[key]
        except KeyError:
            result = seen[key] = process(value)
            return result
        except TypeError:  # unhashable
            return process(value)

    return convert
