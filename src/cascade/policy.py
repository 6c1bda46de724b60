"""Policy: the settings a planning office chooses, as one validated pydantic model.

Where practice differs between offices (whether a level skip is acceptable, how close two
numbers must be to agree, which rules matter to them, which odd links they keep knowingly),
the choice is a setting, not a constant. A :class:`Policy` can be built in Python, or read
from ``[tool.cascade]`` in a ``pyproject.toml`` or from a ``cascade.toml`` (top level) beside
the workbook:

.. code-block:: toml

    # cascade.toml
    level_skip = "allow"
    ignore = ["polarity-mismatch"]
    severity = { not-cascaded = "info" }

    [[suppress]]
    rule = "owner-misaligned"
    subject = "S-BPBD-2"
    reason = "BPBD supports the Dinas Sosial sasaran by Perwako 12/2023"

>>> Policy(level_skip="forbid").level_skip
'forbid'
>>> Policy(tolerance=-1)
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Policy
...
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from cascade.errors import InputProblem, UsageError
from cascade.scales import LKJIP, Scale, scale_named

__all__ = ["EvaluationSettings", "Policy", "Suppression", "find_policy_file"]


class Suppression(BaseModel):
    """Keep one rule quiet about one subject, for a stated reason.

    Parameters
    ----------
    rule
        The rule's name (``owner-misaligned``) or code (``CAS202``).
    subject
        The id of the unit, goal or indicator the finding is about.
    reason
        Why the office keeps it; required, so a suppression documents a decision.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str = Field(min_length=1)
    subject: str = Field(min_length=1)
    reason: str = Field(min_length=1)


#: First words of a goal statement that describe an activity or an output, not a result
#: (research lke.md 2.2 after [SGEN], plus the nouns of activities).
OUTPUT_LEADS: tuple[str, ...] = (
    "jumlah",
    "tersedianya",
    "terlaksananya",
    "terselenggaranya",
    "terbangunnya",
    "tersusunnya",
    "terdistribusinya",
    "pelaksanaan",
    "penyusunan",
    "penyelenggaraan",
    "pengadaan",
    "pembangunan",
    "fasilitasi",
    "koordinasi",
)

#: First words of a goal statement that name a condition reached: a result (outcome).
RESULT_LEADS: tuple[str, ...] = (
    "meningkatnya",
    "menurunnya",
    "terwujudnya",
    "menguatnya",
    "berkurangnya",
    "tercapainya",
    "terkendalinya",
)


class EvaluationSettings(BaseModel):
    """Thresholds and domain words of the evaluation rules (``CAS5xx``).

    Every default is the one of the LKE research (``research/lke.md`` section 2.2); an office
    that words its plans differently or grades more strictly changes them here, in the
    ``[evaluation]`` table of its policy file.

    Parameters
    ----------
    output_leads
        First words (lower case) of a goal statement that make it an output or an activity
        (``goal-not-outcome`` warns).
    result_leads
        First words that make it a result; a statement starting with neither is reported as
        info.
    plan_levels
        Unit levels that must own a goal with an indicator and a target
        (``unit-without-goal``).
    min_agencies
        Agencies (perangkat daerah) that must support a pemda goal (``crosscutting-absent``).
    single_agency_goals
        Pemda goals allowed a single agency, by goal id.
    max_iku_changes
        Years of the plan period in which a goal's set of key indicators (IKU) may change
        (``iku-churn``).
    spend_tolerance
        Points by which budget absorption may run ahead of achievement
        (``inefficient-spend``).
    depth_share
        Share of the owners at a level that must have a goal, an indicator, a target and a
        realisation for the cascade to reach that level (the ``cascade-depth`` metric).
    benchmark_columns
        Extra indicator columns read as the benchmark (pembanding) value.
    measurement_columns
        Extra indicator columns every key or PK indicator must fill
        (``missing-measurement-metadata``).

    Examples
    --------
    >>> EvaluationSettings(max_iku_changes=0).max_iku_changes
    0
    >>> "meningkatnya" in EvaluationSettings().result_leads
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    output_leads: tuple[str, ...] = OUTPUT_LEADS
    result_leads: tuple[str, ...] = RESULT_LEADS
    plan_levels: tuple[
        Literal["perangkat_daerah", "administrator", "pengawas", "pelaksana"], ...
    ] = (
        "administrator",
        "pengawas",
    )
    min_agencies: int = Field(default=2, ge=1)
    single_agency_goals: tuple[str, ...] = ()
    max_iku_changes: int = Field(default=1, ge=0)
    spend_tolerance: float = Field(default=10.0, ge=0)
    depth_share: float = Field(default=0.9, gt=0, le=1)
    benchmark_columns: tuple[str, ...] = ("benchmark", "pembanding")
    measurement_columns: tuple[str, ...] = ("definisi_operasional", "formula", "sumber_data")

    @field_validator("output_leads", "result_leads")
    @classmethod
    def _lower(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(word.strip().lower() for word in value)


class Policy(BaseModel):
    """Settings for checking a cascade and computing its achievement.

    Parameters
    ----------
    level_skip
        A child goal owned more than one level below its parent goal's owner: ``allow`` (no
        finding), ``warn`` (a warning, the default) or ``forbid`` (an error).
    tolerance
        Relative tolerance when comparing numbers that should agree (children's targets
        against the parent's, reported against derived realisation): ``0.001`` is 0.1 %.
    absolute_tolerance
        Absolute tolerance added to the relative one, for numbers near zero.
    select
        Rules to run (names, codes, code prefixes, categories or families); ``None`` runs all.
    ignore
        Rules not to run.
    severity
        Severity overrides by rule name or code: ``{"not-cascaded": "info"}``.
    suppress
        Findings a planning office keeps knowingly, each with a reason.
    plan_start, plan_end
        First and last year of the plan (RPJMD or Renstra); targets outside are flagged when
        both are set.
    missing
        How a roll-up treats a missing value (a carrier child without a realisation, a
        quarter without one): ``skip_if_any_missing`` (the default: the result is missing),
        ``skip_if_all_missing`` (use the values present) or ``zero`` (count it as 0); see
        :func:`cascade.derive.derive_realisations`. It governs every roll-up: derived
        realisation, rolled-up achievement, goals, owners and budgets.
    minimize
        The achievement formula for a minimize (*turun*) indicator: ``difference`` (the
        default, (2 − R / T) × 100, as LKjIPs and PermenPANRB 8/2021 print it) or ``ratio``
        (T / R × 100); see :mod:`cascade.achievement`.
    floor
        The lowest achievement reported (0 by default); ``None`` for no floor.
    cap
        The highest achievement reported (120 is common); ``None`` (the default) for no cap.
    zero_target
        What a zero denominator gives: ``equal_is_met`` (the default: a zero target met by
        exactly zero is 100, anything else is undefined), ``met_or_better`` (a zero target
        met or bettered is 100) or ``missing`` (always undefined). An undefined achievement
        is missing, with an ``undefined-achievement`` finding.
    scale
        The category scale: ``lkjip`` (the default five bands), ``sakip`` (the grade scale)
        or a :class:`~cascade.scales.Scale`.
    goal_weighting
        How a goal averages its indicators: ``equal`` (the default, as LKjIPs do) or
        ``weight`` (by each indicator's ``weight``).
    evaluation
        Thresholds and domain words of the evaluation rules (:class:`EvaluationSettings`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    level_skip: Literal["allow", "warn", "forbid"] = "warn"
    tolerance: float = Field(default=1e-3, ge=0)
    absolute_tolerance: float = Field(default=1e-9, ge=0)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    suppress: tuple[Suppression, ...] = ()
    plan_start: int | None = Field(default=None, ge=1000, le=9999)
    plan_end: int | None = Field(default=None, ge=1000, le=9999)
    missing: Literal["skip_if_any_missing", "skip_if_all_missing", "zero"] = "skip_if_any_missing"
    minimize: Literal["difference", "ratio"] = "difference"
    floor: float | None = 0.0
    cap: float | None = Field(default=None, gt=0)
    zero_target: Literal["equal_is_met", "met_or_better", "missing"] = "equal_is_met"
    scale: Scale = LKJIP
    goal_weighting: Literal["equal", "weight"] = "equal"
    evaluation: EvaluationSettings = Field(default_factory=EvaluationSettings)

    @model_validator(mode="after")
    def _cap_above_floor(self) -> Policy:
        if self.cap is not None and self.floor is not None and self.cap < self.floor:
            msg = f"cap ({self.cap:g}) must not be below floor ({self.floor:g})"
            raise ValueError(msg)
        return self

    @field_validator("scale", mode="before")
    @classmethod
    def _named_scale(cls, value: Any) -> Any:
        return scale_named(value) if isinstance(value, str) else value

    @field_validator("floor", "cap")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            msg = "must be a finite number"
            raise ValueError(msg)
        return value

    @classmethod
    def from_file(cls, path: str | Path) -> Policy:
        """Read a policy from ``cascade.toml`` or ``[tool.cascade]`` of a ``pyproject.toml``.

        Raises
        ------
        UsageError
            If the file cannot be read or its settings are not valid; the message names the
            file and every bad setting.
        """
        p = Path(path)
        try:
            document = tomllib.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            msg = f"cannot read policy file {p}: {exc}"
            raise UsageError(msg) from None
        settings: Any = document
        if p.name == "pyproject.toml":
            settings = document.get("tool", {}).get("cascade", {})
        try:
            return cls.model_validate(settings)
        except ValidationError as exc:
            problems = [
                InputProblem(
                    file=str(p),
                    column=".".join(str(part) for part in error["loc"]),
                    message=error["msg"],
                )
                for error in exc.errors()
            ]
            msg = f"invalid policy in {p}:\n" + "\n".join(f"  - {q}" for q in problems)
            raise UsageError(msg) from None

    @classmethod
    def discover(cls, workbook: str | Path) -> Policy:
        """The policy beside a workbook (see :func:`find_policy_file`), or the default."""
        found = find_policy_file(workbook)
        return cls() if found is None else cls.from_file(found)

    @classmethod
    def coerce(cls, policy: Policy | Mapping[str, Any] | None) -> Policy:
        """``policy`` itself, the default policy for ``None``, or one read from a mapping.

        What every function taking a ``policy=`` argument does with it.

        Raises
        ------
        UsageError
            For a mapping with invalid settings ("invalid policy: ...").

        Examples
        --------
        >>> Policy.coerce(None) == Policy()
        True
        >>> Policy.coerce({"tolerance": 0.02}).tolerance
        0.02
        """
        if policy is None:
            return cls()
        if isinstance(policy, Policy):
            return policy
        try:
            return cls.model_validate(dict(policy))
        except ValueError as exc:
            msg = f"invalid policy: {exc}"
            raise UsageError(msg) from None


def find_policy_file(workbook: str | Path) -> Path | None:
    """The policy file for a workbook, or ``None``.

    That is a ``cascade.toml`` beside it, else a ``pyproject.toml`` beside it that has a
    ``[tool.cascade]`` table. "Beside" means in the workbook's folder; for a CSV folder,
    inside the folder first.
    """
    p = Path(workbook)
    folders = [p, p.parent] if p.is_dir() else [p.parent]
    for folder in folders:
        candidate = folder / "cascade.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                doc = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                return pyproject  # let from_file report what is wrong with it
            if "cascade" in doc.get("tool", {}):
                return pyproject
    return None
