"""Record: a frozen dataclass's behaviour without the dataclasses module, for the types an idle poll loads.

`@dataclass(frozen=True)` compiles six methods per class when its module is imported (~0.5 ms a class, 22 classes
on an idle poll's path: the config's types, the poll's small results), and `dataclasses` loads `inspect`, `ast`
and `dis` (~5 ms): together a fifth of what an idle `baocao poll` spent of its own. A Record class gets the same
constructor (fields are its annotations in order, a default is the value written beside one), repr, ==, hash and
immutability from the generic methods below, paid once; `replace()` is dataclasses.replace. Type checkers treat a
Record as a dataclass (PEP 681). `class X(Record, frozen=False)` is a mutable one (no hash, as a dataclass's).
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar, dataclass_transform

_R = TypeVar("_R", bound="Record")


class FrozenInstanceError(AttributeError):
    """An assignment to a frozen Record's field (dataclasses raises an AttributeError of the same name)."""


@dataclass_transform(frozen_default=True)
class Record:
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, *, frozen: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = [name for name, kind in cls.__dict__.get("__annotations__", {}).items()
               if not str(kind).startswith(("ClassVar", "typing.ClassVar"))]
        fields = [*cls._fields, *(name for name in own if name not in cls._fields)]
        defaults = {**cls._defaults, **{name: cls.__dict__[name] for name in own if name in cls.__dict__}}
        for name, value in defaults.items():
            if type(value).__hash__ is None:  # one list shared by every instance: dataclasses refuses it too
                raise ValueError(f"{cls.__name__}.{name}: mutable default {type(value).__name__} is not allowed")
        for before, after in zip(fields, fields[1:], strict=False):
            if before in defaults and after not in defaults:
                raise TypeError(f"{cls.__name__}: non-default argument {after!r} follows default argument")
        cls._fields, cls._defaults = tuple(fields), defaults
        if not frozen:
            cls.__setattr__ = object.__setattr__  # type: ignore[method-assign, assignment]
            cls.__delattr__ = object.__delattr__  # type: ignore[method-assign]
            cls.__hash__ = None  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self._fields
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__}() takes {len(names)} positional arguments but {len(args)} "
                            "were given")
        given = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name in given:
                raise TypeError(f"{type(self).__name__}() got multiple values for argument {name!r}")
            given[name] = value
        state = self.__dict__  # not setattr: a frozen Record refuses it, as pickle's restore bypasses it
        for name in names:
            if name in given:
                state[name] = given.pop(name)
            elif name in self._defaults:
                state[name] = self._defaults[name]
            else:
                raise TypeError(f"{type(self).__name__}() missing required argument: {name!r}")
        if given:
            raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {next(iter(given))!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(self.__dict__[name] for name in self._fields)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


def replace(record: _R, /, **changes: Any) -> _R:
    """A copy of `record` with `changes` (dataclasses.replace)."""
    return type(record)(**{**{name: record.__dict__[name] for name in record._fields}, **changes})


def fields(record: Record | type[Record]) -> tuple[str, ...]:
    """The names of the fields, in order (dataclasses.fields, names only)."""
    return record._fields
