"""Estimate the SAKIP evaluation worksheet (LKE, PermenPANRB 88/2021) before the evaluator does.

The LKE (lembar kerja evaluasi) grades a government body's performance accountability system
(AKIP) on 4 components, 12 sub-components and, nationally, 80 criteria. Cascade data decide
some criteria fully or partly, give proxies for a few and say nothing about the rest. This
package holds profiles (the worksheet as data), answer scales, the mean and ladder
estimators with ranges, the bindings that turn findings of the evaluation rules into
criterion answers, and :func:`assess`, which runs them all on a cascade and ranks the fixes.

Vocabulary
----------
LKE (lembar kerja evaluasi)
    The evaluation worksheet; a *profile* is one evaluator's version of it.
component (komponen)
    Perencanaan (planning, AREN), pengukuran (measurement, BKUR), pelaporan (reporting, CLAP),
    evaluasi internal (internal evaluation, DVAL).
sub-component (sub-komponen)
    Pemenuhan (fulfilment: does it exist), kualitas (quality), pemanfaatan (use); 20/30/50 %
    of their component.
criterion (kriteria)
    One question, coded ``AREN002.8`` at position ``1.b.8``, weighted W_s / n_s.
answer (jawaban)
    The grade given to a criterion (Y/T, A–E, A–D or AA–E) and its value in [0, 1]; an
    :class:`Answer` is an interval with a source: data, answer, unknown or not applicable.
score (nilai)
    Points per sub-component, component and in total (of 100), always as a :class:`Range`.
predikat
    The grade of the total: AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, else D.
binding
    Whether data can decide a criterion (``data``), only hint at it (``proxy``) or not
    (``unknown``).

An estimate is never one certain grade. Criteria nobody has answered are intervals [0, 1],
so the total is a range; the part decided by data is reported beside it, and both estimators
(mean and ladder) are shown because evaluators use both readings.

>>> from cascade import lke
>>> profile = lke.load_profile("national-88-2021")
>>> answers = {"AREN002.8": lke.answer_from_counts(31, 50, "A-E", evidence=["F-1"])}
>>> est = lke.estimate(profile, answers, year=2024)
>>> est.criterion("AREN002.8").answer.grade
'C'
>>> est.predikat("mean")
('D', 'AA')
"""

from cascade.lke._answer import Answer, Source
from cascade.lke._answers_io import ANSWER_COLUMNS, read_answers
from cascade.lke._assess import (
    AGENCY_COLUMNS,
    CRITERION_COLUMNS,
    FIX_COLUMNS,
    Assessment,
    assess,
    binding_for,
)
from cascade.lke._bindings import BINDINGS, Measure
from cascade.lke._estimate import (
    ESTIMATORS,
    ComponentEstimate,
    CriterionEstimate,
    DataPart,
    Estimate,
    Estimator,
    Range,
    SubComponentEstimate,
    estimate,
    ladder_grade,
)
from cascade.lke._evidence import finding_ids
from cascade.lke._profile import (
    PROFILES,
    Binding,
    Component,
    Criterion,
    Profile,
    SubComponent,
    load_profile,
)
from cascade.lke._scales import (
    DEFAULT_BANDS,
    GRADE_VALUES,
    SCALES,
    Band,
    ScaleName,
    answer_from_counts,
    answer_from_ratio,
    grade_value,
    predikat,
    yes_no_bands,
)

__all__ = [
    "AGENCY_COLUMNS",
    "ANSWER_COLUMNS",
    "BINDINGS",
    "CRITERION_COLUMNS",
    "DEFAULT_BANDS",
    "ESTIMATORS",
    "FIX_COLUMNS",
    "GRADE_VALUES",
    "PROFILES",
    "SCALES",
    "Answer",
    "Assessment",
    "Band",
    "Binding",
    "Component",
    "ComponentEstimate",
    "Criterion",
    "CriterionEstimate",
    "DataPart",
    "Estimate",
    "Estimator",
    "Measure",
    "Profile",
    "Range",
    "ScaleName",
    "Source",
    "SubComponent",
    "SubComponentEstimate",
    "answer_from_counts",
    "answer_from_ratio",
    "assess",
    "binding_for",
    "estimate",
    "finding_ids",
    "grade_value",
    "ladder_grade",
    "load_profile",
    "predikat",
    "read_answers",
    "yes_no_bands",
]
