"""JSON built to hurt: deep nesting, huge arrays, wrong types at every level, duplicate keys,
numbers beyond the float range, NaN, lone surrogates. Each gives a correct cascade or a
CascadeError that says where, quickly, and never one line per entry of a huge array.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

import pytest
from tests.io._hostile import TINY, deadline, outcome, tiny

from cascade._normalise import PROBLEMS_PER_COLUMN
from cascade.errors import FileFormatError, InputError
from cascade.io import read, write


def document() -> dict[str, Any]:
    """The tiny workbook as a JSON document (bare tables of row objects)."""
    return {
        name: [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        for name, rows in TINY.items()
    }


def save(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "kota.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    return path


def dumped(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False, allow_nan=True)


def test_the_tiny_document_reads(tmp_path: Path) -> None:
    assert read(save(tmp_path, dumped(document()))) == tiny()


# ------------------------------------------------------------------------------- bombs


@pytest.mark.parametrize(
    "text",
    [
        "[" * 200_000 + "]" * 200_000,
        '{"units": ' + "[" * 200_000 + "]" * 200_000 + "}",
        '{"units": [{"name": ' + '{"a":' * 100_000 + "1" + "}" * 100_000 + "}]}",
        "[" * 200_000,  # and never closed
    ],
    ids=["top", "table", "cell", "unclosed"],
)
def test_deep_nesting(text: str, tmp_path: Path) -> None:
    with deadline(10), pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, text))
    (problem,) = excinfo.value.problems
    assert problem.file == str(tmp_path / "kota.json")
    assert "not valid JSON" in problem.message


def test_nesting_that_parses_is_a_cell_problem(tmp_path: Path) -> None:
    doc = document()
    doc["units"][0]["name"] = json.loads("[" * 500 + "]" * 500)
    with pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, dumped(doc)))
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.row, problem.column) == ("units", 1, "name")
    assert "found a list" in problem.message


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("top", "found a list"),
        ("table", "table units must be a list of row objects (column: value), found a list of"),
        ("cell", "found a list"),
    ],
)
def test_huge_flat_arrays_give_one_problem(where: str, words: str, tmp_path: Path) -> None:
    numbers = "[" + ",".join(["1"] * 2_000_000) + "]"
    doc = dumped(document())
    if where == "top":
        text = numbers
    elif where == "table":
        text = doc.replace('"units": [', f'"units": {numbers}, "x": [', 1)
    else:
        text = doc.replace('"Pemerintah Kota"', numbers, 1)
    start = time.perf_counter()
    with deadline(30), pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, text))
    assert time.perf_counter() - start < 20
    (problem,) = excinfo.value.problems
    assert words in problem.message


def test_many_bad_rows_are_counted_not_listed(tmp_path: Path) -> None:
    doc = document()
    doc["units"] = doc["units"] + [5] * 100_000
    with deadline(30), pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, dumped(doc)))
    problems = excinfo.value.problems
    assert len(problems) == PROBLEMS_PER_COLUMN + 1
    assert problems[0].row == 3
    assert "found a number" in problems[0].message
    assert (
        problems[-1].message
        == f"{100_000 - PROBLEMS_PER_COLUMN} more entries of table units are not row objects"
    )


def test_many_bad_cells_are_counted_not_listed(tmp_path: Path) -> None:
    doc = document()
    doc["units"] += [
        {"unit_id": f"U{i}", "name": {"a": 1}, "level": "pelaksana"} for i in range(1000)
    ]
    with pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, dumped(doc)))
    problems = excinfo.value.problems
    assert len(problems) == PROBLEMS_PER_COLUMN + 1
    assert "800 more cells in this column" in problems[-1].message


def test_a_table_with_too_many_columns(tmp_path: Path) -> None:
    doc = document()
    doc["goals"][0].update({f"c{i}": 1 for i in range(20_000)})
    with deadline(20), pytest.raises(FileFormatError, match="more than 16,384 columns"):
        read(save(tmp_path, dumped(doc)))


# -------------------------------------------------------------------- wrong types


def _set(path: list[Any], value: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"format": "cascade-workbook", "version": 1, "tables": document()}
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


WRONG = [
    ("top-level text", '"units"', "found str"),
    ("top-level null", "null", "found NoneType"),
    ("top-level number", "1e999", "found str"),
    ("tables a list", dumped(_set(["tables"], [])), '"tables" must be an object'),
    ("tables null", dumped(_set(["tables"], None)), '"tables" must be an object'),
    ("table an object", dumped(_set(["tables", "units"], {"a": 1})), "must be a list of row"),
    ("table text", dumped(_set(["tables", "units"], "PEMKO")), "must be a list of row"),
    ("row a list", dumped(_set(["tables", "units", 0], ["PEMKO"])), "found a list"),
    ("row null", dumped(_set(["tables", "units", 1], None)), "found null"),
    ("cell an object", dumped(_set(["tables", "goals", 0, "statement"], {})), "found an object"),
    ("columns a list", dumped(_set(["columns"], ["unit_id"])), '"columns" must be an object'),
    ("columns of numbers", dumped(_set(["columns"], {"units": [1]})), "list of names"),
    ("format", dumped(_set(["format"], "excel")), "not a cascade workbook"),
    ("version text", dumped(_set(["version"], "1")), "unsupported version"),
    ("version true", dumped(_set(["version"], True)), "unsupported version"),
    ("version newer", dumped(_set(["version"], 2)), "unsupported version"),
    ("version huge", dumped(_set(["version"], 10**30)), "unsupported version"),
    ("empty file", "", "not valid JSON"),
    ("not UTF-8", b'{"units": "\xff"}', "not UTF-8 text (byte 12)"),
    ("trailing garbage", dumped(document()) + "}", "Extra data"),
    ("duplicate key", '{"units": [], "units": []}', "a key appears twice"),
    ("duplicate column", '{"units": [{"name": "a", "name": "b"}]}', "'name'"),
    ("integer too long", '{"units": [{"name": ' + "9" * 5000 + "}]}", "not valid JSON"),
]


@pytest.mark.parametrize(
    ("text", "words"), [(t, w) for _, t, w in WRONG], ids=[n for n, _, _ in WRONG]
)
def test_wrong_types_at_every_level(text: str | bytes, words: str, tmp_path: Path) -> None:
    result = outcome(save(tmp_path, text))
    assert isinstance(result, FileFormatError)
    assert any(words in str(p) for p in result.problems), str(result)


# ---------------------------------------------------------------------------- numbers


def test_numbers_beyond_the_float_range(tmp_path: Path) -> None:
    text = dumped(document()).replace("72.5", "1e400", 1).replace("85.25", "-1E+999", 1)
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, text))
    found = [(p.table, p.row, p.column, p.value) for p in excinfo.value.problems]
    assert found == [
        ("targets", 1, "target", "1e400"),
        ("realisations", 1, "value", "-1E+999"),
    ]
    assert all("too large" in p.message for p in excinfo.value.problems)


def test_a_number_beyond_the_float_range_in_a_users_column_is_kept_as_written(
    tmp_path: Path,
) -> None:
    doc = document()
    doc["units"][0]["catatan"] = 1.0  # a placeholder the text replaces
    text = dumped(doc).replace('"catatan": 1.0', '"catatan": 1e400', 1)
    city = read(save(tmp_path, text))
    assert city.units["catatan"].tolist()[0] == "1e400"


def test_nan_infinity_and_the_edges(tmp_path: Path) -> None:
    doc = document()
    doc["targets"][0]["target_upper"] = math.nan  # blank: a point target
    doc["targets"][1]["target"] = 1e308
    doc["targets"][1]["target_upper"] = math.inf  # JSON's Infinity: read as infinity
    doc["realisations"][0]["value"] = -0.0
    doc["budgets"][0]["spent"] = 5e-324
    city = read(save(tmp_path, dumped(doc)))
    assert math.isnan(city.targets["target_upper"].tolist()[0])
    assert city.targets["target"].tolist()[1] == 1e308
    assert city.targets["target_upper"].tolist()[1] == math.inf
    assert read(write(city, tmp_path / "again.json")) == city


def test_nan_where_a_number_is_required(tmp_path: Path) -> None:
    doc = document()
    doc["targets"][0]["target"] = math.nan
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, dumped(doc)))
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.row, problem.column) == ("targets", 1, "target")
    assert "blank" in problem.message


def test_integers_of_any_size(tmp_path: Path) -> None:
    doc = document()
    doc["budgets"][0]["allocated"] = 10**400
    doc["units"][0]["nomor"] = 10**30
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, json.dumps(doc)))
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.column) == ("budgets", "allocated")
    assert "too large" in problem.message


# ---------------------------------------------------------------------------- text


def test_lone_surrogates_are_refused_where_they_are(tmp_path: Path) -> None:
    text = dumped(document()).replace('"DINKES", "name"', '"DINKES\\ud800", "name"', 1)
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, text))
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.row, problem.column) == ("units", 2, "unit_id")
    assert "not valid Unicode" in problem.message
    text = dumped(document()).replace('"statement"', '"state\\udfffment"', 1)
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, text))
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.column) == ("goals", "'state\\udfffment'")
    assert "not valid Unicode" in problem.message


def test_a_surrogate_pair_is_one_character(tmp_path: Path) -> None:
    text = dumped(document()).replace("Pemerintah Kota", "Kota \\ud83c\\udf34", 1)
    city = read(save(tmp_path, text))
    assert city.units["name"].tolist()[0] == "Kota \U0001f334"


def test_a_byte_order_mark_and_unicode_ids(tmp_path: Path) -> None:
    doc = document()
    for row in doc["units"]:
        if row["unit_id"] == "PEMKO":
            row["unit_id"] = "ПЕМКО 市"
        if row["parent_id"] == "PEMKO":
            row["parent_id"] = "ПЕМКО 市"
    for row in doc["goals"]:
        if row["unit_id"] == "PEMKO":
            row["unit_id"] = "ПЕМКО 市"
    city = read(save(tmp_path, b"\xef\xbb\xbf" + dumped(doc).encode()))
    assert city.units["unit_id"].tolist() == ["ПЕМКО 市", "DINKES"]
    assert read(write(city, tmp_path / "again.json")) == city
