"""Django's SQLite backend, converting each statement's placeholders once, not per execution.

Python's sqlite3 takes ``?`` placeholders where Django writes ``%s``, so Django's cursor
rewrites the SQL with a regular expression at every execution: on a comment submission,
six statements of up to a few kilobytes, 5% of its instructions. The statements a process
runs are few and repeat, so the rewritten text is kept (the 512 most recently used).
"""

from functools import lru_cache

from django.db.backends.sqlite3 import base


@lru_cache(maxsize=512)
def _qmark_style(query: str) -> str:
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:  # Django's "format" style, as the base class converts it
            return _qmark_style(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)
