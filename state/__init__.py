"""The SQLite store. sqlite_utils is imported only when it is needed (migrations, the reports' SQL helpers).

An idle poll speaks plain `sqlite3` (state/store.py) and never loads it. When it is loaded, it is through
`load_sqlite_utils()`, without numpy and pandas: sqlite_utils imports them when they are installed (matplotlib
brings numpy) only to map their scalar types to column types, and we never store those. numpy alone costs ~100 ms
and starts BLAS threads, and a process with threads cannot fork its isolated parse children (parsers/isolation/isolate.py
then starts a fresh interpreter per attachment, ~0.35 s each).
"""

import sys
from types import ModuleType


def load_sqlite_utils() -> ModuleType:
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    sys.modules.update(dict.fromkeys(blocked))  # type: ignore[arg-type]  # None: `import numpy` raises ImportError
    try:
        import sqlite_utils
    finally:
        for name in blocked:
            if sys.modules.get(name, sys) is None:
                del sys.modules[name]
    return sqlite_utils
