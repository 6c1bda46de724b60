"""Bundled example data (being built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cascade.model import Cascade

__all__ = ["load_example"]


def load_example(name: str = "kota-contoh") -> Cascade:
    """Load a bundled example."""
    raise NotImplementedError
