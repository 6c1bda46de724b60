"""Structured fuzzing: the tiny workbook with its tables mutated the way spreadsheets get
mutated (columns dropped, renamed, duplicated; cells replaced by garbage text, huge numbers,
NaN, infinity, padded or Unicode ids, dates, booleans, formulas; tables emptied, dropped or
added; blank rows), then saved as xlsx, as a CSV folder in any dialect, or as JSON.

Every read returns a Cascade or raises a CascadeError naming the file. A cascade that is
returned has lost no row, and writing it in the same format and reading it back gives it
again.
"""

from __future__ import annotations

import codecs
import json
import math
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st
from tests.io._hostile import (
    DATE_STYLE,
    FUZZ,
    TINY,
    Raw,
    Rows,
    csv_text,
    outcome,
    same_format_round_trip,
    sheet_xml,
    xlsx_bytes,
)

from cascade import Cascade
from cascade.schema import TABLE_NAMES

Tables = dict[str, Rows]

GARBAGE = st.one_of(
    st.text(max_size=10),
    st.text(alphabet=" \t\u00a0\u3000.,;-%", max_size=4),
    st.sampled_from(
        [
            "nan",
            "NaN",
            "inf",
            "-Infinity",
            "1e308",
            "1e400",
            "-0.0",
            "12,5",
            "1.200.000",
            "1.200,5",
            "80-90",
            "7 s.d. 8",
            "90-80",
            "Rp 1.500.000",
            "85 %",
            "#N/A",
            "=1+1",
            "TRUE",
            "ya",
            "2024-03-01",
            "2024Q5",
            "  PEMKO  ",
            "ПЕМКО",
            "G1 ",
            "\u200bI1",
        ]
    ),
    st.floats(),
    st.sampled_from([math.inf, -math.inf, math.nan, 1e308, -1e308, -0.0, 5e-324]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
    st.none(),
)

HEADERS = st.one_of(
    st.sampled_from(
        [
            "satuan",
            "Satuan ",
            "SATUAN",
            "polaritas",
            "realisasi",
            "pagu",
            "target_atas",
            "keterangan",
            "",
            "  ",
            "unit_id",
            "goal_id",
            "indicator_id",
            "period",
            "Unnamed: 3",
        ]
    ),
    st.text(max_size=8),
)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Rows | None]:
    """TINY with a few mutations; a table that is None was dropped."""
    tables: dict[str, Rows | None] = {n: [r[:] for r in rows] for n, rows in TINY.items()}
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(TABLE_NAMES))
        rows = tables[name]
        what = draw(
            st.sampled_from(
                ["cell", "cell", "cell", "drop", "rename", "duplicate", "empty", "gone", "blank"]
            )
        )
        if rows is None:
            continue
        width = len(rows[0])
        column = draw(st.integers(0, width - 1))
        if what == "cell" and len(rows) > 1:
            row = draw(st.integers(1, len(rows) - 1))
            rows[row][column] = draw(GARBAGE)
        elif what == "drop":
            for r in rows:
                del r[column]
        elif what == "rename":
            rows[0][column] = draw(HEADERS)
        elif what == "duplicate":
            for r in rows:
                r.append(r[column])
        elif what == "empty":
            del rows[1:]
        elif what == "gone":
            tables[name] = None
        else:
            at = draw(st.integers(1, len(rows)))
            rows.insert(at, [draw(st.sampled_from([None, "", " "])) for _ in range(width)])
    if draw(st.booleans()):
        tables["catatan"] = [["apa", "saja"], ["bebas", 1]]
    return tables


def fresh(tmp_path: Path) -> Path:
    return Path(tempfile.mkdtemp(dir=tmp_path))


def _text(value: object) -> str:
    """A cell as a reader of text sees it (for the blank-row count)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def expected_rows(rows: Rows | None, *, skips_blank: bool) -> int | None:
    """How many rows the table must have, or None when whitespace makes it a judgement."""
    if rows is None:
        return 0
    count = 0
    for row in rows[1:]:
        texts = [_text(v) for v in row]
        if not skips_blank or any(t.strip() and any(c.isalnum() for c in t) for t in texts):
            count += 1
        elif any(texts):
            return None  # only punctuation or unusual spaces: blank to one reader, not another
    return count


def check(path: Path, tables: dict[str, Rows | None], suffix: str, *, skips_blank: bool) -> None:
    result = outcome(path)
    event("read" if isinstance(result, Cascade) else type(result).__name__)
    if not isinstance(result, Cascade):
        return
    for name in TABLE_NAMES:
        expected = expected_rows(tables.get(name), skips_blank=skips_blank)
        if expected is not None:
            assert len(result.table(name)) == expected, name
    same_format_round_trip(result, path.parent, suffix)


# ------------------------------------------------------------------------------- xlsx

CELLS = st.sampled_from(
    [
        Raw('<c r="{ref}"><f>1+1</f></c>'),  # a formula never calculated
        Raw('<c r="{ref}"><f>1+1</f><v>2</v></c>'),
        Raw(f'<c r="{{ref}}" s="{DATE_STYLE}"><v>45352</v></c>'),  # 1 March 2024, as a date
        Raw('<c r="{ref}" t="e"><v>#REF!</v></c>'),
        Raw('<c r="{ref}" t="s"><v>0</v></c>'),  # a shared string the package lacks
    ]
)


MERGES = st.sampled_from(["A1:B1", "A2:A3", "B2:D2", "C2:C9", "A1:A1048576"])


@settings(FUZZ, max_examples=50)
@given(
    tables=mutated(),
    special=st.lists(st.tuples(st.sampled_from(TABLE_NAMES), CELLS), max_size=2),
    merged=st.lists(st.tuples(st.sampled_from(TABLE_NAMES), MERGES), max_size=2),
)
def test_xlsx(
    tables: dict[str, Rows | None],
    special: list[tuple[str, Raw]],
    merged: list[tuple[str, str]],
    tmp_path: Path,
) -> None:
    sheets: dict[str, Any] = {n: rows for n, rows in tables.items() if rows is not None}
    for name, cell in special:
        rows = sheets.get(name)
        if rows and len(rows) > 1:
            rows[1][0] = Raw(cell.replace("{ref}", "A2"))
    for name, ref in merged:  # merged cells: all but the first read blank
        rows = sheets.get(name)
        if isinstance(rows, list):
            tail = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
            sheets[name] = sheet_xml(rows, tail=tail)
    path = fresh(tmp_path) / "kota.xlsx"
    path.write_bytes(xlsx_bytes(sheets))
    check(path, tables, ".xlsx", skips_blank=True)


# -------------------------------------------------------------------------------- CSV

DIALECT = st.tuples(
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)


@settings(FUZZ, max_examples=50)
@given(tables=mutated(), dialect=DIALECT)
def test_csv_folder(
    tables: dict[str, Rows | None], dialect: tuple[str, str, str], tmp_path: Path
) -> None:
    sep, newline, encoding = dialect
    folder = fresh(tmp_path) / "kota"
    folder.mkdir()
    for name, rows in tables.items():
        if rows is None:
            continue
        text = csv_text(rows, sep=sep, newline=newline)
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")
        (folder / f"{name}.csv").write_bytes(data)
    check(folder, tables, "", skips_blank=True)


# ------------------------------------------------------------------------------- JSON


@settings(FUZZ, max_examples=50)
@given(tables=mutated(), wrapped=st.booleans())
def test_json(tables: dict[str, Rows | None], wrapped: bool, tmp_path: Path) -> None:
    document: dict[str, Any] = {}
    kept: dict[str, Rows | None] = {}
    for name, rows in tables.items():
        if rows is None:
            continue
        header = rows[0]
        if len({str(h) for h in header}) < len(header):
            continue  # an object cannot hold a key twice: leave the table out
        document[name] = [
            {str(h): v for h, v in zip(header, row, strict=True)} for row in rows[1:]
        ]
        kept[name] = rows
    if wrapped:
        document = {"format": "cascade-workbook", "version": 1, "tables": document}
    path = fresh(tmp_path) / "kota.json"
    path.write_text(
        json.dumps(document, ensure_ascii=False, allow_nan=True),
        encoding="utf-8",
        errors="surrogatepass",
    )
    check(path, {n: kept.get(n) for n in TABLE_NAMES}, ".json", skips_blank=False)
