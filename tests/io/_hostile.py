"""Helpers for the hostile-input tests: a tiny cascade, the contract, and file builders.

The contract every reader keeps (issue 7): fed anything, ``read`` returns a Cascade or raises
a :class:`~cascade.errors.CascadeError` whose problems say where; never another exception,
never a hang. :func:`outcome` enforces the first half, :func:`deadline` the second.
"""

from __future__ import annotations

import contextlib
import io
import math
import signal
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import Any
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, settings

from cascade import Cascade
from cascade.errors import CascadeError, InputError
from cascade.io import read, write

__all__ = [
    "FUZZ",
    "TINY",
    "Hang",
    "Rows",
    "csv_text",
    "deadline",
    "outcome",
    "same_format_round_trip",
    "tiny",
    "xlsx_bytes",
    "zip_parts",
]

Rows = list[list[Any]]

#: The tiny workbook every structured test starts from: two units, two goals, two indicators,
#: a target each, a realisation and a budget line; header first.
TINY: dict[str, Rows] = {
    "units": [
        ["unit_id", "name", "parent_id", "level"],
        ["PEMKO", "Pemerintah Kota", None, "pemda"],
        ["DINKES", "Dinas Kesehatan", "PEMKO", "perangkat_daerah"],
    ],
    "goals": [
        ["goal_id", "unit_id", "parent_goal_id", "statement", "kind"],
        ["G1", "PEMKO", None, "Meningkatnya derajat kesehatan", "tujuan"],
        ["G1.1", "DINKES", "G1", "Meningkatnya layanan kesehatan", "sasaran_strategis"],
    ],
    "indicators": [
        ["indicator_id", "goal_id", "parent_indicator_id", "name", "measure_unit", "weight"],
        ["I1", "G1", None, "Angka harapan hidup", "tahun", 1],
        ["I1.1", "G1.1", "I1", "Cakupan layanan", "persen", 2.5],
    ],
    "targets": [
        ["indicator_id", "period", "target", "target_upper"],
        ["I1", "2024", 72.5, None],
        ["I1.1", "2024", 80, 90],
    ],
    "realisations": [
        ["indicator_id", "period", "value"],
        ["I1.1", "2024", 85.25],
    ],
    "budgets": [
        ["goal_id", "period", "allocated", "spent"],
        ["G1.1", "2024", 1_500_000, 1_200_000],
    ],
}

#: Hypothesis settings for the fuzz tests: the derandomised ``ci`` profile of
#: tests/conftest.py (the same examples every run), and a fresh folder per example.
FUZZ = settings(
    settings.get_profile("ci"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def tiny() -> Cascade:
    """The cascade :data:`TINY` holds."""
    frames = {
        name: [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        for name, rows in TINY.items()
    }
    return Cascade(**frames)


def outcome(path: Path, **options: Any) -> Cascade | CascadeError:
    """Read ``path``: the cascade, or the CascadeError raised (any other exception escapes).

    A CascadeError must say what and where: a message for each problem, and for an input
    error read from a file, the file of every problem.
    """
    try:
        return read(path, **options)
    except CascadeError as exc:
        text = str(exc)
        assert text.strip(), "an error without a message"
        if isinstance(exc, InputError):
            for problem in exc.problems:
                assert problem.message.strip()
                assert problem.file is not None, f"a problem without its file: {problem}"
        return exc


def same_format_round_trip(city: Cascade, folder: Path, suffix: str) -> None:
    """Writing ``city`` in a format and reading it back gives the same cascade."""
    path = write(city, folder / f"again{suffix}")
    assert read(path) == city


class Hang(BaseException):
    """The block under :func:`deadline` ran out of time (not an Exception: nothing catches it)."""


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail with :class:`Hang` if the block takes longer than ``seconds``: a hang guard."""

    def expire(signum: int, frame: FrameType | None) -> None:
        msg = f"took longer than {seconds} s"
        raise Hang(msg)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# ------------------------------------------------------------------------------------ CSV


def _csv_field(value: object, sep: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    text = str(value)
    if any(c in text for c in (sep, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(rows: Rows, *, sep: str = ",", newline: str = "\n") -> str:
    """Rows as CSV text with the delimiter and line ending given."""
    return "".join(sep.join(_csv_field(v, sep) for v in row) + newline for row in rows)


# ----------------------------------------------------------------------------------- xlsx

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
#: Style 1 of :func:`xlsx_bytes` shows a number as a date (built-in format 14).
DATE_STYLE = 1


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Raw(str):
    """A cell given as its XML, written as it is (``<c r="A2"><f>1+1</f></c>``)."""


def _cell(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = escape(str(value))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_xml(rows: Sequence[Sequence[object]], *, extra: str = "", tail: str = "") -> str:
    """A worksheet part: ``rows`` from row 1, then ``extra`` (raw rows) and ``tail``."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{_letters(c)}{r}", v) for c, v in enumerate(row, start=1))
        body.append(f'<row r="{r}">{cells}</row>')
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        f"<sheetData>{''.join(body)}{extra}</sheetData>{tail}</worksheet>"
    )


def xlsx_bytes(sheets: Mapping[str, Sequence[Sequence[object]] | str]) -> bytes:
    """A minimal xlsx package: each sheet from rows (see :func:`sheet_xml`) or its XML."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, len(names) + 1)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_REL}"><sheets>'
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, name in enumerate(names, start=1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(names) + 1)
            )
            + f'<Relationship Id="rId{len(names) + 1}" Type="{_REL}/styles" '
            'Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}">'
            '<fonts count="1"><font><sz val="11"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" xfId="0"/>'
            '<xf numFmtId="14" xfId="0" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>"
        ),
    }
    for i, content in enumerate(sheets.values(), start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = (
            content if isinstance(content, str) else sheet_xml(content)
        )
    return zip_parts(parts)


def zip_parts(parts: Mapping[str, str | bytes]) -> bytes:
    """A zip archive of the parts given, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    """The parts of a zip archive, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
