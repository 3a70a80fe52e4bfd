"""A Record behaves as the frozen dataclass it replaces: the same constructor, repr, ==, hash, immutability, pickle."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from daemon.config.record import Record, fields, replace


class Box(Record):
    host: str
    port: int
    folders: tuple[str, ...] = ()
    path: Path | None = None


@dataclasses.dataclass(frozen=True)
class Twin:
    host: str
    port: int
    folders: tuple[str, ...] = ()
    path: Path | None = None


class Tally(Record, frozen=False):
    sent: int = 0
    stopped: str | None = None


@pytest.mark.parametrize("args, kwargs", [(("h", 1), {}), (("h",), {"port": 2, "path": Path("/x")}),
                                          ((), {"port": 3, "host": "h", "folders": ("a",)}),
                                          (("h", 1, ("a", "b"), Path("/p")), {})])
def test_built_read_shown_and_compared_as_a_frozen_dataclass(args: tuple, kwargs: dict) -> None:
    ours, theirs = Box(*args, **kwargs), Twin(*args, **kwargs)
    assert repr(ours) == repr(theirs).replace("Twin", "Box")
    assert [getattr(ours, name) for name in fields(Box)] == [getattr(theirs, f.name) for f in dataclasses.fields(Twin)]
    assert ours == Box(*args, **kwargs) and hash(ours) == hash(theirs)
    assert ours != theirs and ours != replace(ours, port=99)


@pytest.mark.parametrize("args, kwargs", [((), {}), (("h",), {}), (("h", 1, (), None, 5), {}),
                                          (("h", 1), {"host": "g"}), (("h", 1), {"nope": 1})])
def test_wrong_arguments_are_a_type_error_as_for_a_dataclass(args: tuple, kwargs: dict) -> None:
    with pytest.raises(TypeError):
        Twin(*args, **kwargs)
    with pytest.raises(TypeError):
        Box(*args, **kwargs)


def test_a_field_cannot_be_changed_and_replace_makes_a_copy() -> None:
    box = Box("h", 1)
    with pytest.raises(AttributeError):
        box.port = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del box.host  # type: ignore[misc]
    assert replace(box, port=2) == Box("h", 2) and box.port == 1
    with pytest.raises(TypeError):
        replace(box, nope=1)


def test_it_survives_pickle() -> None:
    box = Box("h", 1, ("INBOX",), Path("/srv"))
    assert pickle.loads(pickle.dumps(box, protocol=pickle.HIGHEST_PROTOCOL)) == box


def test_a_mutable_one_changes_and_has_no_hash() -> None:
    tally = Tally()
    tally.sent += 1
    assert tally == Tally(sent=1)
    with pytest.raises(TypeError):
        hash(tally)


def test_a_mutable_default_or_a_default_before_a_required_field_is_refused() -> None:
    with pytest.raises(ValueError):
        type("Bad", (Record,), {"__annotations__": {"items": "list[str]"}, "items": []})
    with pytest.raises(TypeError):
        type("Bad", (Record,), {"__annotations__": {"a": "int", "b": "int"}, "a": 0})
