"""Load YAML keeping each value's line, so a config error can say file:line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from daemon.errors import ConfigError

Path_ = tuple[str | int, ...]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, except that an impossible date (2024-11-31) stays a string for Section.date to name."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:  # PyYAML lets datetime's "day is out of range for month" out with no mark
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass(frozen=True)
class Located:
    """A parsed YAML document and the 1-based line of every key path in it."""

    data: Any
    lines: dict[Path_, int]
    filename: str

    def line(self, path: Path_) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def where(self, path: Path_) -> str:
        line = self.line(path)
        return f"{self.filename}:{line}" if line else self.filename


def load_located(text: str, filename: str) -> Located:
    # one pass: compose the node tree (it keeps the marks), then build the values from it; libyaml's parser when
    # PyYAML has it (a 500-school roster inline parses in ~15 ms instead of ~150 ms)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{filename}{line}: not valid YAML: {e.problem}") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"{filename}: not valid YAML: {e}") from e
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines, filename)
    return Located(data, lines, filename)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], filename: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = (*path, str(key.value))
            line = key.start_mark.line + 1
            if sub in lines:
                # PyYAML keeps the last of two equal keys without a word: a second state_dir would silently win
                raise ConfigError(f"{filename}:{line}: {dotted(sub)}: appears twice (first on line {lines[sub]}); "
                                  "keep one")
            lines[sub] = line
            _walk(value, sub, lines, filename)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines, filename)


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
