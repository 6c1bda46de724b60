"""Argument validation for the strategies, and the error it raises.

Hypothesis checks a strategy's arguments when the strategy is first used (drawn from, or
validated by ``@given`` before the test runs), not when it is built, so a bad argument fails
the one test that uses it rather than the import of a whole test module. The strategies here
do the same: each public function returns a strategy built :func:`lazily`, whose definition
validates every argument first and raises :class:`InvalidArgument`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import hypothesis.errors
from hypothesis import strategies as st

from cascade.errors import UsageError

__all__ = [
    "InvalidArgument",
    "check_bool",
    "check_choices",
    "check_integer",
    "check_order",
    "lazily",
]

T = TypeVar("T")


class InvalidArgument(UsageError, hypothesis.errors.InvalidArgument):  # noqa: N818 - as Hypothesis
    """A strategy of :mod:`cascade.strategies` was given an argument it cannot use.

    It is both a :class:`cascade.errors.UsageError` (the library's convention for a
    programming error) and a :class:`hypothesis.errors.InvalidArgument` (Hypothesis'
    convention for a strategy's bad argument), so either ``except`` clause catches it. The
    message names the argument and the value given.
    """

    __module__ = "cascade.strategies"  # where users import it from


def _invalid(message: str) -> InvalidArgument:
    return InvalidArgument(message)


def check_integer(name: str, value: object, *, low: int, high: int | None = None) -> int:
    """``value`` as an ``int`` within ``[low, high]``; raises :class:`InvalidArgument`."""
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{name}={value!r} must be an integer, not {type(value).__name__}"
        raise _invalid(msg)
    if value < low or (high is not None and value > high):
        bound = f"at least {low}" if high is None else f"between {low} and {high}"
        msg = f"{name}={value!r} must be {bound}"
        raise _invalid(msg)
    return value


def check_order(low_name: str, low: int, high_name: str, high: int) -> None:
    """Raise :class:`InvalidArgument` unless ``low <= high``."""
    if low > high:
        msg = f"{low_name}={low!r} must not be above {high_name}={high!r}"
        raise _invalid(msg)


def check_bool(name: str, value: object) -> bool:
    """``value`` as a ``bool``; raises :class:`InvalidArgument` for anything else."""
    if not isinstance(value, bool):
        msg = f"{name}={value!r} must be True or False, not {type(value).__name__}"
        raise _invalid(msg)
    return value


def check_choices(
    name: str, value: object, allowed: Iterable[str], *, what: str = "value"
) -> tuple[str, ...]:
    """A non-empty collection of distinct strings, each one of ``allowed``.

    A single string is refused (``"maximize"`` is not ``("maximize",)``): Hypothesis'
    ``sampled_from`` would draw its letters.
    """
    allowed = tuple(allowed)
    if isinstance(value, str) or not isinstance(value, Iterable):
        msg = (
            f"{name}={value!r} must be a non-empty sequence of {what}s "
            f"(from {', '.join(allowed)}), not {type(value).__name__}"
        )
        raise _invalid(msg)
    items = tuple(value)
    if not items:
        msg = f"{name}={value!r} must not be empty: give at least one of {', '.join(allowed)}"
        raise _invalid(msg)
    for item in items:
        if str(item) not in allowed or not isinstance(item, str):
            msg = f"{name}={value!r}: {item!r} is not a {what}; expected {', '.join(allowed)}"
            raise _invalid(msg)
    if len(set(items)) != len(items):
        msg = f"{name}={value!r} names a {what} twice"
        raise _invalid(msg)
    return tuple(str(item) for item in items)


def lazily(
    name: str, arguments: dict[str, Any], build: Callable[[], st.SearchStrategy[T]]
) -> st.SearchStrategy[T]:
    """A strategy that runs ``build`` (which validates, then builds) when first used.

    ``repr`` shows the call as written, ``deferred(cascades(max_agencies=5))``, until the
    strategy is used, and the strategy ``build`` made afterwards.
    """
    shown = ", ".join(f"{key}={value!r}" for key, value in arguments.items())

    def definition() -> st.SearchStrategy[T]:
        return build()

    definition.__name__ = definition.__qualname__ = f"{name}({shown})"
    return st.deferred(definition)
