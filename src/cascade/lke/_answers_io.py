r"""Reading supplied LKE answers (the ``lke_answers`` table) from CSV or JSON.

Vocabulary
----------
lke_answers
    A table of answers a person gives for the criteria data cannot decide: ``code`` (the
    criterion, e.g. ``AREN001.1``) and ``answer`` (a grade on the criterion's scale, ``Y``,
    ``B``, ``BB``, or a value in [0, 1]), with optional ``source`` (``self`` for the
    self-assessment, ``lhe`` for last year's evaluation report, ``manual``), ``evidence``
    (where the proof is) and ``year``. CSV with a header row, or JSON: a list of such
    objects, or ``{"lke_answers": [...]}``.

A row whose ``year`` is set and differs from the year assessed is for another year and is
not read; every other row must be valid, and every problem is reported at once with its file,
row and column.

>>> import tempfile, pathlib
>>> from cascade.lke import load_profile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "answers.csv"
>>> _ = path.write_text("code,answer,source\nAREN001.1,Y,self\nAREN002.3,0.75,lhe\n")
>>> answers = read_answers(path, profile=load_profile("national-88-2021"))
>>> answers["AREN001.1"].value, answers["AREN002.3"].grade
(1.0, None)
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

from cascade.errors import FileFormatError, InputProblem, UsageError
from cascade.lke._answer import Answer
from cascade.lke._profile import Profile
from cascade.lke._scales import GRADE_VALUES

__all__ = ["ANSWER_COLUMNS", "read_answers"]

#: The columns of an answers table; ``code`` and ``answer`` are required.
ANSWER_COLUMNS = ("code", "answer", "source", "evidence", "year")


def _rows(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FileFormatError(
                [InputProblem(file=str(path), message=f"not JSON: {exc}")], source=str(path)
            ) from None
        if isinstance(data, dict):
            data = data.get("lke_answers")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            problem = InputProblem(
                file=str(path),
                table="lke_answers",
                message="expected a list of answer objects, or {'lke_answers': [...]}",
            )
            raise FileFormatError([problem], source=str(path))
        return [{str(k).strip().lower(): v for k, v in r.items()} for r in data]
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in ("code", "answer") if c not in header]
    if missing:
        problem = InputProblem(
            file=str(path),
            table="lke_answers",
            message=f"the answers table needs the columns {', '.join(missing)}",
        )
        raise FileFormatError([problem], source=str(path))
    return [{(k or "").strip().lower(): v for k, v in r.items()} for r in reader]


def read_answers(
    path: str | Path, *, profile: Profile, year: int | None = None
) -> dict[str, Answer]:
    """Read an answers file (see the module docstring) for ``profile``.

    Parameters
    ----------
    path
        A ``.csv`` or ``.json`` file.
    profile
        The profile the codes and grades belong to.
    year
        The year assessed: rows of other years are not read; rows without a year are.

    Raises
    ------
    UsageError
        If the file does not exist.
    FileFormatError
        Listing every bad row: an unknown code, a grade not on the criterion's scale, a value
        outside [0, 1], a code answered twice.
    """
    file = Path(path)
    if not file.is_file():
        msg = f"no answers file {str(path)!r}"
        raise UsageError(msg)
    criteria = {k.code: k for k in profile.criteria}
    problems: list[InputProblem] = []
    out: dict[str, Answer] = {}

    def problem(row: int, column: str, value: object, message: str) -> None:
        problems.append(
            InputProblem(
                file=str(file),
                table="lke_answers",
                row=row,
                column=column,
                value=None if value is None else str(value),
                message=message,
            )
        )

    for number, row in enumerate(_rows(file), start=2):
        row_year = str(row.get("year") or "").strip()
        if year is not None and row_year and row_year != str(year):
            continue
        code = str(row.get("code") or "").strip().upper()
        raw = row.get("answer")
        criterion = criteria.get(code)
        if criterion is None:
            problem(number, "code", code, f"profile {profile.name!r} has no such criterion")
            continue
        if code in out:
            problem(number, "code", code, "this criterion is answered twice")
            continue
        evidence = str(row.get("evidence") or "").strip()
        source = str(row.get("source") or "").strip()
        tag = tuple(x for x in (f"source: {source}" if source else "", evidence) if x)
        text = "" if raw is None else str(raw).strip()
        if not text:
            problem(number, "answer", raw, "the answer is blank")
            continue
        grades = GRADE_VALUES.get(criterion.scale, {})
        if text.upper() in grades:
            value, grade = grades[text.upper()], text.upper()
        else:
            try:
                value = float(text.replace(",", "."))
            except ValueError:
                problem(
                    number,
                    "answer",
                    raw,
                    f"not a grade of scale {criterion.scale} ({', '.join(grades)}) "
                    "nor a value in [0, 1]",
                )
                continue
            grade = None
            if not (math.isfinite(value) and 0.0 <= value <= 1.0):
                problem(number, "answer", raw, "a value answer is in [0, 1]")
                continue
        out[code] = Answer(lo=value, hi=value, source="answer", grade=grade, evidence=tag)
    if problems:
        raise FileFormatError(problems, source=str(file))
    return out
