"""The SQLite store. sqlite_utils is first imported here, without numpy and pandas.

sqlite_utils imports numpy and pandas when they are installed (matplotlib brings numpy) only to map their scalar
types to column types, and we never store those. numpy alone costs ~100 ms on every run and starts BLAS threads,
and a process with threads cannot fork its isolated parse children (parsers/isolate.py then starts a fresh
interpreter per attachment, ~0.35 s each).
"""

import sys

_BLOCKED = [name for name in ("numpy", "pandas") if name not in sys.modules]
sys.modules.update(dict.fromkeys(_BLOCKED))  # type: ignore[arg-type]  # None: `import numpy` raises ImportError
try:
    import sqlite_utils  # noqa: F401
finally:
    for _name in _BLOCKED:
        if sys.modules.get(_name, sys) is None:
            del sys.modules[_name]
