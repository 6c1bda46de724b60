"""The report bundle: results, findings and tables of one period, written as xlsx or HTML."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cascade.errors import UsageError
from cascade.report._lke import DEFAULT_PROFILE, LKE_SHEETS, lke_summary_rows, lke_tables

if TYPE_CHECKING:
    from cascade.checks._report import Report
    from cascade.engine._results import Results
    from cascade.lke import Answer, Assessment, Profile
    from cascade.model import Cascade
    from cascade.period import Period
    from cascade.policy import Policy
    from cascade.progress import Progress

__all__ = [
    "DEFAULT_PROFILE",
    "FORMATS",
    "LKE_SHEETS",
    "REPORT_LEVELS",
    "SHEETS",
    "ReportBundle",
    "build_report",
    "write_report",
]

#: The owners' levels whose goals the LKjIP and PK sheets report: the city and its agencies.
REPORT_LEVELS: tuple[str, ...] = ("pemda", "perangkat_daerah")

#: The sheets every xlsx report has, in order (each at most 31 characters, as Excel wants);
#: the LKE section adds :data:`LKE_SHEETS` after them.
SHEETS: tuple[str, ...] = (
    "Ringkasan",
    "LKjIP",
    "Matriks Cascading",
    "Lampiran PK",
    "Anggaran OPD",
    "Anggaran Sasaran",
    "Temuan",
)

#: The suffixes :func:`write_report` and ``cascade report`` accept, and the format of each.
FORMATS: dict[str, str] = {".xlsx": "xlsx", ".html": "html", ".htm": "html"}

#: The column naming the owner of each row in the stacked LKjIP and PK sheets.
OWNER_COLUMN = "Unit Kerja"
OWNER_ID_COLUMN = "Kode Unit"


@dataclass
class ReportBundle:
    """Everything a performance report of one period shows, computed once.

    Attributes
    ----------
    results
        :func:`cascade.propagate`'s figures for the period.
    findings
        :func:`cascade.check`'s report for the period (every rule the policy runs).
    tables
        Sheet name to frame, in :data:`SHEETS` order: the summary, the LKjIP achievement
        table of the city and each agency stacked, the cascading matrix, the PK annexes
        stacked, the budget per owner and per goal, the findings; then, with the LKE
        section, the :data:`LKE_SHEETS`.
    owners
        The owners the LKjIP and PK sheets report (``unit_id``, ``name``, ``level``,
        ``achievement``, ``category``), the city first, then the agencies in table order.
    assessment
        :func:`cascade.assess`'s LKE readiness estimate for the year of the period, or
        ``None`` when the report leaves the LKE section out.
    """

    results: Results
    findings: Report
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    owners: pd.DataFrame = field(default_factory=pd.DataFrame)
    assessment: Assessment | None = None

    @property
    def as_of(self) -> Period:
        """The period reported."""
        return self.results.as_of

    def to_excel(self, path: str | os.PathLike[str]) -> Path:
        """Write the workbook: one formatted sheet per table (:attr:`tables`), atomically."""
        from cascade.tables import to_excel

        return to_excel(self.tables, path)

    def to_html(self, path: str | os.PathLike[str], *, pictures: bool = True) -> Path:
        """Write one self-contained HTML page (no server, no external resource), atomically.

        ``pictures=False`` leaves the pictures out (they are left out anyway, with a note,
        when the ``plot`` extra is not installed).
        """
        from cascade.io._atomic import atomic_text

        target = Path(path)
        text = self.html(pictures=pictures)
        with atomic_text(target, newline="\n") as handle:
            handle.write(text)
        return target

    def html(self, *, pictures: bool = True) -> str:
        """The HTML page as text (see :meth:`to_html`)."""
        from cascade.report._page import render_page

        return render_page(self, pictures=pictures)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the report in the format its suffix names: ``.xlsx`` or ``.html``."""
        fmt = report_format(path)
        return self.to_excel(path) if fmt == "xlsx" else self.to_html(path)

    def __repr__(self) -> str:
        lke = "" if self.assessment is None else f", LKE profile {self.assessment.profile.name}"
        return (
            f"<ReportBundle {self.as_of}: {len(self.owners)} owners reported,"
            f" {len(self.findings)} findings{lke}, sheets {', '.join(self.tables)}>"
        )


def report_format(path: str | os.PathLike[str]) -> str:
    """``xlsx`` or ``html``, from the suffix of ``path``; anything else is a UsageError."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        msg = (
            f"cannot write a report to {Path(path).name!r}: the suffix chooses the format,"
            " .xlsx or .html"
        )
        raise UsageError(msg)
    return FORMATS[suffix]


def _report_owners(results: Results) -> pd.DataFrame:
    """The owners at :data:`REPORT_LEVELS`, the city first; each id once."""
    owners = results.owners
    level = owners["level"].astype("str")
    frames = [owners[(level == lv).to_numpy(dtype=bool, na_value=False)] for lv in REPORT_LEVELS]
    chosen = pd.concat(frames, ignore_index=True) if frames else owners.iloc[0:0]
    chosen = chosen.drop_duplicates("unit_id", keep="first").reset_index(drop=True)
    columns = ["unit_id", "name", "level", "achievement", "category"]
    return chosen[columns]


def _stacked(
    owners: pd.DataFrame,
    table: Callable[[str], pd.DataFrame],
) -> pd.DataFrame:
    """``table(owner_id)`` for each owner, stacked, with the owner's id and name first."""
    parts = []
    for owner_id, name in zip(owners["unit_id"], owners["name"], strict=True):
        frame = table(str(owner_id))
        frame.insert(0, OWNER_COLUMN, "" if pd.isna(name) else str(name))
        frame.insert(0, OWNER_ID_COLUMN, str(owner_id))
        parts.append(frame)
    if not parts:
        return pd.DataFrame({OWNER_ID_COLUMN: [], OWNER_COLUMN: []})
    return pd.concat(parts, ignore_index=True)


def _summary(
    results: Results, findings: Report, assessment: Assessment | None = None
) -> pd.DataFrame:
    """The Ringkasan sheet: label and value, one fact a row (the LKE range last, if any)."""
    rows: list[tuple[str, Any]] = [("Periode", str(results.as_of))]
    for _, city in results.city.iterrows():
        name = "" if pd.isna(city["name"]) else str(city["name"])
        rows.append(("Pemerintah Daerah", f"{city['unit_id']} {name}".strip()))
        value = float(city["achievement"])
        rows.append(("Capaian Kinerja (%)", None if np.isnan(value) else value))
        category = city["category"]
        rows.append(("Kategori", None if pd.isna(category) else str(category)))
    achievement = results.indicators["achievement"]
    level_counts = results.owners["level"].astype("str").value_counts()
    rows += [
        ("Jumlah Perangkat Daerah", int(level_counts.get("perangkat_daerah", 0))),
        ("Jumlah Unit Kerja", len(results.owners)),
        ("Jumlah Sasaran", len(results.goals)),
        ("Jumlah Indikator", len(results.indicators)),
        ("Indikator dengan Capaian", int(achievement.notna().sum())),
        ("Indikator tanpa Capaian", int(achievement.isna().sum())),
    ]
    categories = results.indicators["category"].value_counts(sort=False)
    for label in reversed(list(results.policy.scale.labels)):
        rows.append((f"Indikator {label}", int(categories.get(label, 0))))
    rows.append(("Skala", results.policy.scale.describe()))
    summary = findings.summary()
    for severity in ("error", "warning", "info"):
        rows.append((f"Temuan {severity}", int(summary.get(severity, 0))))
    if assessment is not None:
        rows += lke_summary_rows(assessment)
    return pd.DataFrame(
        {
            "Keterangan": [label for label, _ in rows],
            "Nilai": pd.Series([value for _, value in rows], dtype=object),
        }
    )


#: Supplied LKE answers: criterion code to a grade, a value or an Answer; or a file of them.
_Answers = Mapping[str, "Answer | float | str"] | str | os.PathLike[str]


def _lke_inputs(
    *,
    lke: bool,
    profile: str | os.PathLike[str] | Profile,
    answers: _Answers | None,
    year: int,
) -> tuple[Profile | None, Mapping[str, Answer | float | str] | None]:
    """The profile and the answers of the LKE section, read before anything is computed."""
    from cascade.lke import Profile, load_profile, read_answers

    if not lke:
        if answers is not None or not (isinstance(profile, str) and profile == DEFAULT_PROFILE):
            msg = "a profile or answers apply to the LKE section, which lke=False leaves out"
            raise UsageError(msg)
        return None, None
    if isinstance(profile, Profile):
        chosen = profile
    else:
        chosen = load_profile(profile if isinstance(profile, str) else Path(profile))
    if answers is None or isinstance(answers, Mapping):
        return chosen, answers
    return chosen, read_answers(Path(answers), profile=chosen, year=year)


def build_report(
    cascade: Cascade,
    *,
    as_of: str | Period,
    policy: Policy | None = None,
    progress: Progress | None = None,
    lke: bool = True,
    profile: str | os.PathLike[str] | Profile = DEFAULT_PROFILE,
    answers: _Answers | None = None,
) -> ReportBundle:
    """Compute a performance report of one period: figures, findings and every table.

    Runs :func:`cascade.propagate` and :func:`cascade.check` for ``as_of`` and builds the
    tables of :mod:`cascade.tables` for the city (``pemda``) and its agencies
    (``perangkat_daerah``): the LKjIP achievement tables and PK annexes stacked with the
    owner in the first columns, the cascading matrix, the budget per owner and per goal, and
    the findings. With ``lke`` (the default) it also runs :func:`cascade.assess` for the
    same period and adds the LKE readiness section (kesiapan LKE): the sheets of
    :data:`LKE_SHEETS` and a section of the page.

    Parameters
    ----------
    cascade
        The cascade to report.
    as_of
        The period: ``2024``, ``2024Q1`` or ``2024-03``. The LKE section assesses the year
        of the period; a quarter or a month is passed to :func:`cascade.assess` as it is,
        an in-year look where only the periods ended by then must have realisations.
    policy
        The policy to follow; default the package default. The assessment follows it too
        (but runs every rule, whatever its ``select`` and ``ignore``).
    progress
        A progress bar for the propagation, the checks and the LKE assessment.
    lke
        ``False`` leaves the LKE section out (and the time the assessment takes).
    profile
        The LKE profile: a shipped profile's name (:data:`cascade.lke.PROFILES`), a
        profile file or a :class:`cascade.lke.Profile`; default ``national-88-2021``.
    answers
        Answers for the criteria data cannot decide: criterion code to a grade, a value in
        [0, 1] or a :class:`cascade.lke.Answer`, or an answers file (CSV or JSON,
        :func:`cascade.lke.read_answers`), of which rows of another year are not read.

    Returns
    -------
    ReportBundle
        ``.to_excel(path)``, ``.to_html(path)``, or ``.save(path)`` by suffix.

    Raises
    ------
    cascade.errors.UsageError
        For an unknown profile, a missing answers file, or a profile or answers given with
        ``lke=False``; checked before anything is computed.
    cascade.errors.FileFormatError
        For a malformed profile or answers file, every bad row named.

    Examples
    --------
    >>> import cascade
    >>> from cascade.report import build_report
    >>> bundle = build_report(cascade.load_example(), as_of="2024")
    >>> list(bundle.tables)  # doctest: +NORMALIZE_WHITESPACE
    ['Ringkasan', 'LKjIP', 'Matriks Cascading', 'Lampiran PK', 'Anggaran OPD',
     'Anggaran Sasaran', 'Temuan', 'LKE Ringkasan', 'LKE Komponen', 'LKE Sub Komponen',
     'LKE Kriteria', 'LKE Perbaikan', 'LKE Perangkat Daerah', 'LKE Temuan']
    >>> bundle.assessment.profile.name, bundle.assessment.year
    ('national-88-2021', 2024)
    >>> list(build_report(cascade.load_example(), as_of="2024", lke=False).tables) == list(SHEETS)
    True
    """
    from cascade.checks import check
    from cascade.engine import propagate
    from cascade.lke import assess
    from cascade.period import Period
    from cascade.tables import budget_table, cascading_matrix, lkjip_table, pk_annex

    period = as_of if isinstance(as_of, Period) else Period.parse(str(as_of))
    chosen, supplied = _lke_inputs(lke=lke, profile=profile, answers=answers, year=period.year)
    results = propagate(cascade, as_of=period, policy=policy, progress=progress)
    findings = check(cascade, period=[period], policy=results.policy, progress=progress)
    assessment = None
    if chosen is not None:
        assessment = assess(
            cascade,
            as_of=period,
            profile=chosen,
            answers=supplied,
            policy=results.policy,
            progress=progress,
        )
    owners = _report_owners(results)
    tables = {
        "Ringkasan": _summary(results, findings, assessment),
        "LKjIP": _stacked(owners, lambda uid: lkjip_table(results, uid, total=True)),
        "Matriks Cascading": cascading_matrix(results),
        "Lampiran PK": _stacked(owners, lambda uid: pk_annex(results, uid)),
        "Anggaran OPD": budget_table(results, by="owner"),
        "Anggaran Sasaran": budget_table(results, by="goal"),
        "Temuan": findings.to_frame(),
    }
    if assessment is not None:
        tables |= lke_tables(assessment)
    return ReportBundle(
        results=results, findings=findings, tables=tables, owners=owners, assessment=assessment
    )


def write_report(
    cascade: Cascade,
    path: str | os.PathLike[str],
    *,
    as_of: str | Period,
    policy: Policy | None = None,
    lke: bool = True,
    profile: str | os.PathLike[str] | Profile = DEFAULT_PROFILE,
    answers: _Answers | None = None,
) -> Path:
    """Build the report of ``as_of`` and write it to ``path``: ``.xlsx`` or ``.html``.

    The suffix is checked before anything is computed; the file is replaced atomically.
    ``lke``, ``profile`` and ``answers`` are those of :func:`build_report`.

    Raises
    ------
    cascade.errors.UsageError
        If the suffix is neither ``.xlsx`` nor ``.html``, or as :func:`build_report`.
    """
    report_format(path)
    bundle = build_report(
        cascade, as_of=as_of, policy=policy, lke=lke, profile=profile, answers=answers
    )
    return bundle.save(path)
