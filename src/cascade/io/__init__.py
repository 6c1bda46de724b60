"""Reading and writing workbooks (being built)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cascade.model import Cascade

__all__ = ["read", "write"]


def read(path: str | os.PathLike[str], **options: Any) -> Cascade:
    """Read a workbook."""
    raise NotImplementedError


def write(cascade: Cascade, path: str | os.PathLike[str], **options: Any) -> None:
    """Write a workbook."""
    raise NotImplementedError
