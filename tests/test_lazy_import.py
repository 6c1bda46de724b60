"""``import cascade`` is lazy (PEP 562) but behaves as if it imported everything."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cascade


def test_every_public_name_resolves() -> None:
    for name in cascade.__all__:
        assert getattr(cascade, name) is not None
    assert set(cascade.__all__) <= set(dir(cascade))


@pytest.mark.parametrize("name", ["datasets", "checks", "io", "engine", "tables", "lke"])
def test_subpackages_are_attributes(name: str) -> None:
    assert getattr(cascade, name).__name__ == f"cascade.{name}"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = cascade.nothing_here
    with pytest.raises(AttributeError, match="no attribute '_private'"):
        _ = cascade._private


def test_import_cascade_loads_no_pandas() -> None:
    code = "import sys, cascade; print('pandas' in sys.modules, 'hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
