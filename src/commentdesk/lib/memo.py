"""One process's memory of values that never change under their key, bounded in bytes.

For copies of shared-cache entries whose keys name their version: reading a large entry from
Redis or the cache files (unpickle, decompress) costs more than the rest of a cached read.
"""

import sys
import threading
from collections import OrderedDict


def weight(value: object) -> int:
    """Bytes a value holds: a str or bytes, or a tuple of them and small numbers."""
    parts = value if isinstance(value, tuple) else (value,)
    return sum(sys.getsizeof(part) for part in parts)


class BoundedMemo:
    """Values by key; past ``budget`` bytes, the least recently used go first."""

    def __init__(self, budget: int):
        self.budget = budget
        self._items: OrderedDict[object, tuple[object, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # for threaded workers; a sync worker never waits

    def get(self, key: object) -> object | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: object, value: object) -> None:
        size = weight(value)
        if size > self.budget:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._size += size - (old[1] if old else 0)
            self._items[key] = (value, size)
            while self._size > self.budget:
                _key, (_value, dropped) = self._items.popitem(last=False)
                self._size -= dropped
