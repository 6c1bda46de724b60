"""Workbook files in memory: :func:`workbooks` and :class:`Workbook`."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from cascade.io import Format
from cascade.model import Cascade
from cascade.strategies._cascades import build_tables, given_arguments, options
from cascade.strategies._validate import InvalidArgument, check_choices, lazily

__all__ = ["FORMATS", "Workbook", "workbooks"]

#: The workbook formats :func:`workbooks` can write.
FORMATS: tuple[str, ...] = ("xlsx", "csv", "json")
#: The name of the file (or, for CSV, the folder) a workbook is written as.
_PATHS: dict[str, str] = {"xlsx": "kota.xlsx", "csv": "kota", "json": "kota.json"}


@dataclass(frozen=True)
class Workbook:
    """A cascade written as workbook files, held in memory.

    Attributes
    ----------
    format
        ``xlsx``, ``csv`` (a folder of ``<table>.csv`` files) or ``json``.
    cascade
        The cascade the files hold: :func:`cascade.read` of :meth:`write_to`'s path gives a
        cascade equal to it.
    files
        The file contents by relative path: ``{"kota.xlsx": b"PK..."}``, or for CSV one entry
        per table, ``{"kota/units.csv": b"unit_id,...", ...}``.
    path
        The relative path to hand to :func:`cascade.read`: the file, or the CSV folder.
    """

    format: Format
    cascade: Cascade
    files: Mapping[str, bytes] = field(repr=False)
    path: str

    def write_to(self, directory: str | Path) -> Path:
        """Write the files under ``directory`` and return the path to read.

        Examples
        --------
        >>> import tempfile
        >>> import cascade
        >>> from cascade.datasets import load_example
        >>> book = Workbook.of(load_example(), "json")
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     cascade.read(book.write_to(tmp)) == book.cascade
        True
        """
        root = Path(directory)
        for relative, content in self.files.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return root / self.path

    @classmethod
    def of(cls, cascade: Cascade, format: Format) -> Workbook:
        """Write ``cascade`` with :func:`cascade.write` and hold the files in memory."""
        from cascade.io import write

        name = _PATHS[format]
        with tempfile.TemporaryDirectory(prefix="cascade-workbook-") as tmp:
            root = Path(tmp)
            write(cascade, root / name, format=format)
            files = {
                p.relative_to(root).as_posix(): p.read_bytes()
                for p in sorted(root.rglob("*"))
                if p.is_file()
            }
        return cls(format, cascade, files, name)


def workbooks(*, formats: Sequence[str] = FORMATS, **kwargs: Any) -> st.SearchStrategy[Workbook]:
    """Valid cascades written as workbook files (xlsx, a CSV folder or JSON), in memory.

    Each draw is a :class:`Workbook`: a valid cascade (:func:`cascades`) and the bytes
    :func:`cascade.write` gives for it. Write them anywhere with :meth:`Workbook.write_to`
    and hand the path to the code under test: an import step, a command line, an upload
    handler.

    Parameters
    ----------
    formats
        The formats to draw from, a non-empty collection of ``"xlsx"``, ``"csv"`` and
        ``"json"``; draws shrink toward the first. An xlsx file takes openpyxl about a second
        to write and read even for a small city, so keep ``max_examples`` modest with it.
    **kwargs
        The keyword arguments of :func:`cascades`.

    Examples
    --------
    >>> import tempfile
    >>> import cascade
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3, deadline=None)
    ... @given(workbooks(formats=["json", "csv"], max_agencies=1))
    ... def test_read_gives_the_cascade(book):
    ...     with tempfile.TemporaryDirectory() as tmp:
    ...         assert cascade.read(book.write_to(tmp)) == book.cascade
    >>> test_read_gives_the_cascade()
    """

    def build() -> st.SearchStrategy[Workbook]:
        chosen = check_choices("formats", formats, FORMATS, what="format")
        valid = options(**kwargs)

        @st.composite
        def draw_workbook(draw: st.DrawFn) -> Workbook:
            fmt = draw(st.sampled_from(chosen), label="format")
            city = Cascade(**build_tables(draw, valid))
            return Workbook.of(city, fmt)  # type: ignore[arg-type]

        return draw_workbook()

    shown: dict[str, Any] = {} if formats is FORMATS else {"formats": formats}
    try:
        shown.update(given_arguments(options(**kwargs)))
    except InvalidArgument:
        shown.update(kwargs)
    return lazily("workbooks", shown, build)
