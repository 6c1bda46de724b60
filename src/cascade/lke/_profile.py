"""LKE profiles: the worksheet an evaluator uses, as data.

Vocabulary
----------
profile (instrumen LKE)
    One evaluator's version of the worksheet: components, sub-components, criteria, weights,
    answer scales and the predikat rule. National and local profiles differ (research 1.2).
component (komponen)
    Planning (AREN, perencanaan), measurement (BKUR, pengukuran), reporting (CLAP, pelaporan)
    and internal evaluation (DVAL, evaluasi internal), weighted 30/30/15/25 nationally.
sub-component (sub-komponen)
    Pemenuhan (fulfilment, 20 % of a component), kualitas (quality, 30 %) and pemanfaatan (use,
    50 %); codes such as ``AREN002``, positions such as ``1.b``.
criterion (kriteria)
    One question of the worksheet, coded ``AREN002.8`` and placed at its official position
    (``1.b.8``). Its weight is W_s / n_s: the sub-component weight shared evenly.
binding (sumber penilaian)
    How a criterion can be decided: ``data`` (fully or partly by cascade data, through the checks
    it names), ``proxy`` (data give only a proxy) or ``unknown`` (human judgement or documents).

A profile is a JSON file (structure) beside a CSV file (criteria: ``code, position, scale,
binding, checks, text`` and, for a local profile, ``national``, the national code it stands
for). The shipped profiles are :data:`PROFILES`:

``national-88-2021``
    The pemda list of research section 1.3: 80 criteria; 31 bound to data, 9 to proxies, 40
    unknown (research 2.1), about 34, 13 and 53 points. Y/T for pemenuhan and for the IT
    criteria 2.b.6–7, A–E otherwise; predikat by ``>``.
``trenggalek-opd``
    Trenggalek's OPD worksheet (research 1.3, [TRG]): AREN001.1–.2, AREN002.4, AREN002.11,
    AREN003.6 and BKUR003.2 dropped and the rest renumbered; DVAL004 *Capaian* (7.5 points,
    underachieved / no-improvement / realisation-mismatch) with 4.c reduced to 5; A–D for
    graded criteria, Y/T for 1.b.1–3 and 2.b.4; predikat by ``>=``. Inferred where the research
    is silent: 2.a, 2.b, 3.a–3.c, 4.a and 4.c keep the national items and numbers; 4.b has
    Trenggalek's four items (berjenjang, pendalaman, sesuai pedoman, TI), so the national
    4.b.2 (SDM) and 4.b.4 (seluruh unit) are dropped and "berjenjang" has no national code;
    1.b keeps the national numbers (.5–.10) although .4 is dropped, as the research's "same"
    aliases say; the IT criteria 2.b.6–7 stay Y/T; bindings follow the national criterion.

>>> p = load_profile("national-88-2021")
>>> len(p.criteria), p.criterion("AREN002.8").position
(80, '1.b.8')
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from cascade.errors import FileFormatError, InputProblem, UnknownIdError, UsageError
from cascade.lke._scales import SCALES, ScaleName

__all__ = [
    "PROFILES",
    "Binding",
    "Component",
    "Criterion",
    "Profile",
    "SubComponent",
    "load_profile",
]

PROFILES: tuple[str, ...] = ("national-88-2021", "trenggalek-opd")
"""The names of the profiles shipped with cascade."""

Binding = Literal["data", "proxy", "unknown"]
"""How a criterion can be decided."""


class Criterion(BaseModel):
    """One criterion (kriteria) of a profile.

    Examples
    --------
    >>> c = load_profile("national-88-2021").criterion("AREN002.9")
    >>> c.binding, c.checks[0], round(c.weight, 3)
    ('data', 'crosscutting-absent', 0.818)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    position: str
    subcomponent: str
    text: str
    scale: ScaleName
    binding: Binding
    checks: tuple[str, ...] = ()
    national: str | None = None
    weight: float


class SubComponent(BaseModel):
    """A sub-component (sub-komponen): its weight W_s and its criteria."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    position: str
    name: str
    weight: float
    criteria: tuple[Criterion, ...]


class Component(BaseModel):
    """A component (komponen): its weight and its sub-components."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    position: str
    name: str
    weight: float
    subcomponents: tuple[SubComponent, ...]


class Profile(BaseModel):
    """An LKE profile: the worksheet as data.

    Examples
    --------
    >>> p = load_profile("trenggalek-opd")
    >>> p.predikat_rule, [s.weight for s in p.component("DVAL").subcomponents]
    ('>=', [5.0, 7.5, 5.0, 7.5])
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    title: str
    level: str
    source: str
    predikat_rule: Literal[">", ">="]
    components: tuple[Component, ...]

    @property
    def subcomponents(self) -> tuple[SubComponent, ...]:
        """Every sub-component, in worksheet order."""
        return tuple(s for c in self.components for s in c.subcomponents)

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, in worksheet order."""
        return tuple(k for s in self.subcomponents for k in s.criteria)

    def criterion(self, code: str) -> Criterion:
        """The criterion with ``code``; :class:`~cascade.errors.UnknownIdError` if none."""
        for k in self.criteria:
            if k.code == code:
                return k
        msg = f"profile {self.name!r} has no criterion {code!r}"
        raise UnknownIdError(msg)

    def component(self, code: str) -> Component:
        """The component with ``code`` (``"AREN"``) or position (``"1"``)."""
        for c in self.components:
            if code in (c.code, c.position):
                return c
        msg = f"profile {self.name!r} has no component {code!r}"
        raise UnknownIdError(msg)


def _problem(file: str, message: str, **where: Any) -> FileFormatError:
    return FileFormatError([InputProblem(file=file, message=message, **where)], source=file)


def _criteria_rows(text: str, file: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    needed = {"code", "position", "scale", "binding", "checks", "text"}
    if not rows or not needed <= set(rows[0]):
        missing = ", ".join(sorted(needed - set(rows[0] if rows else {})))
        raise _problem(file, f"the criteria table needs the columns {missing}", table="criteria")
    return rows


def _build(meta: Mapping[str, Any], rows: list[dict[str, str]], file: str) -> Profile:
    problems: list[InputProblem] = []
    by_sub: dict[str, list[dict[str, str]]] = {}
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        if code in seen:
            problems.append(
                InputProblem(
                    file=file,
                    table="criteria",
                    row=number,
                    column="code",
                    value=code,
                    message="criterion codes must be unique",
                )
            )
        seen.add(code)
        if row.get("scale") not in SCALES:
            problems.append(
                InputProblem(
                    file=file,
                    table="criteria",
                    row=number,
                    column="scale",
                    value=row.get("scale"),
                    message=f"the scale is one of {', '.join(SCALES)}",
                )
            )
        by_sub.setdefault(code.rsplit(".", 1)[0], []).append(row)
    components = []
    for comp in meta.get("components", []):
        subs = []
        for sub in comp.get("subcomponents", []):
            members = by_sub.pop(sub["code"], [])
            if not members:
                problems.append(
                    InputProblem(
                        file=file,
                        table="criteria",
                        value=sub["code"],
                        message="a sub-component has no criterion",
                    )
                )
                continue
            weight = float(sub["weight"]) / len(members)
            crit = [
                {
                    "code": r["code"].strip(),
                    "position": r["position"].strip(),
                    "subcomponent": sub["code"],
                    "text": r["text"].strip(),
                    "scale": r["scale"],
                    "binding": r["binding"],
                    "checks": tuple(r["checks"].split()),
                    "national": (r.get("national") or "").strip() or None,
                    "weight": weight,
                }
                for r in members
            ]
            subs.append({**sub, "criteria": crit})
        components.append({**comp, "subcomponents": subs})
    problems.extend(
        InputProblem(
            file=file,
            table="criteria",
            column="code",
            value=code,
            message="no sub-component has this code",
        )
        for code in by_sub
    )
    if problems:
        raise FileFormatError(problems, source=file)
    fields = {
        k: meta[k] for k in ("name", "title", "level", "source", "predikat_rule") if k in meta
    }
    try:
        profile = Profile.model_validate({**fields, "components": components})
    except ValidationError as error:
        raise _problem(file, str(error)) from None
    for c in profile.components:
        if not math.isclose(sum(s.weight for s in c.subcomponents), c.weight):
            raise _problem(
                file,
                f"the sub-component weights of {c.code} do not add up to {c.weight:g}",
                table="components",
                value=c.code,
            )
    total = sum(c.weight for c in profile.components)
    if not math.isclose(total, 100.0):
        raise _problem(
            file, f"the component weights add up to {total:g}, not 100", table="components"
        )
    return profile


def load_profile(name_or_path: str | Path) -> Profile:
    """Load a shipped profile by name, or a profile from a JSON file.

    Parameters
    ----------
    name_or_path
        One of :data:`PROFILES`, or the path of a profile JSON file whose ``criteria`` key
        names its CSV file (relative to the JSON file).

    Raises
    ------
    UsageError
        For a name that is neither a shipped profile nor an existing file.
    FileFormatError
        For a profile file that is malformed (bad JSON, missing columns, duplicate codes,
        weights that do not add up).

    Examples
    --------
    >>> load_profile("national-88-2021").name
    'national-88-2021'
    >>> load_profile("madiun")
    Traceback (most recent call last):
    ...
    cascade.errors.UsageError: no LKE profile 'madiun': ...
    """
    if isinstance(name_or_path, str) and name_or_path in PROFILES:
        folder = resources.files("cascade.lke").joinpath("profiles")
        file = f"{name_or_path}.json"
        meta_text = folder.joinpath(file).read_text(encoding="utf-8")
        base: Traversable = folder
    else:
        path = Path(name_or_path)
        if not path.is_file():
            msg = (
                f"no LKE profile {str(name_or_path)!r}: give one of {', '.join(PROFILES)} "
                "or the path of a profile JSON file"
            )
            raise UsageError(msg)
        file = str(path)
        meta_text = path.read_text(encoding="utf-8")
        base = path.parent
    try:
        meta = json.loads(meta_text)
    except json.JSONDecodeError as error:
        raise _problem(file, f"not JSON: {error}") from None
    if not isinstance(meta, dict) or not isinstance(meta.get("criteria"), str):
        raise _problem(file, "a profile is a JSON object whose 'criteria' names a CSV file")
    table = meta["criteria"]
    try:
        text = base.joinpath(table).read_text(encoding="utf-8")
    except OSError as error:
        raise _problem(file, f"cannot read the criteria table {table!r}: {error}") from None
    return _build(meta, _criteria_rows(text, table), file)
