"""cascade.assess: bindings for every data criterion, ranges, evidence, fixes, answers."""

from __future__ import annotations

import json

import pytest

import cascade
from cascade import lke
from cascade.errors import FileFormatError, UsageError


@pytest.fixture(scope="module")
def defects() -> cascade.Cascade:
    return cascade.load_example("with-defects")


@pytest.fixture(scope="module")
def assessed(defects: cascade.Cascade) -> lke.Assessment:
    return cascade.assess(defects, as_of=2024)


@pytest.mark.parametrize("name", lke.PROFILES)
def test_every_data_bound_criterion_has_a_binding(name: str) -> None:
    profile = lke.load_profile(name)
    unbound = [
        k.code for k in profile.criteria if k.binding == "data" and lke.binding_for(k) is None
    ]
    assert unbound == []


def test_assessment_names_profile_and_year_and_gives_ranges(assessed: lke.Assessment) -> None:
    text = str(assessed)
    assert "national-88-2021" in text
    assert "2024" in text
    assert "Read the range, not a grade" in text
    for name in lke.ESTIMATORS:
        total = assessed.total(name)
        assert total.lo < total.hi  # unknown criteria keep it a range
    part = assessed.data_decided
    assert 0 < part.decided <= part.bound
    proxies = {k.code for k in assessed.profile.criteria if k.binding == "proxy"}
    criteria = assessed.criteria()
    decided = criteria[(criteria["source"] == "data") & ~criteria["code"].isin(proxies)]
    assert part.decided == pytest.approx(decided["weight"].sum())
    data = assessed.to_dict()
    assert data["profile"] == "national-88-2021"
    assert data["year"] == 2024
    json.dumps(data)


def test_evidence_is_traceable_to_findings(assessed: lke.Assessment) -> None:
    ids = set(lke._evidence.finding_ids(assessed.report.to_frame()))
    criteria = assessed.criteria()
    for evidence in criteria["evidence"]:
        assert set(evidence) <= ids
    for findings in assessed.fixes()["findings"]:
        assert set(findings) <= ids


def test_fixes_are_ranked_and_grouped_by_agency(assessed: lke.Assessment) -> None:
    fixes = assessed.fixes()
    assert list(fixes.columns) == lke.FIX_COLUMNS
    assert len(fixes) > 0
    assert list(fixes["points"]) == sorted(fixes["points"], reverse=True)
    agencies = assessed.agencies()
    assert list(agencies.columns) == lke.AGENCY_COLUMNS
    assert agencies["points"].sum() == pytest.approx(fixes["points"].sum())


def test_empty_population_is_not_applicable_never_zero_or_one(
    assessed: lke.Assessment,
) -> None:
    criteria = assessed.criteria()
    na = criteria[criteria["source"] == "not-applicable"]
    assert len(na) > 0  # one year only: iku-churn, target-regression cannot decide
    assert (na["answer_lo"] == 0.0).all()
    assert (na["answer_hi"] == 1.0).all()
    assert na["note"].str.len().gt(0).all()


def test_suppressing_a_finding_never_lowers_the_estimate(defects: cascade.Cascade) -> None:
    before = cascade.assess(defects, as_of=2024)
    frame = before.report.to_frame()
    for row in frame.drop_duplicates("name").head(12).itertuples(index=False):
        policy = {"suppress": [{"rule": row.code, "subject": row.subject_id, "reason": "t"}]}
        after = cascade.assess(defects, as_of=2024, policy=policy)
        for name in lke.ESTIMATORS:
            assert after.total(name).lo >= before.total(name).lo - 1e-9
            assert after.total(name).hi >= before.total(name).hi - 1e-9


def test_supplied_answers_fill_unknown_criteria_and_never_replace_data(
    defects: cascade.Cascade, tmp_path
) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("code,answer,source\nAREN001.1,Y,self\nAREN003.3,A,self\n")
    a = cascade.assess(defects, as_of=2024, answers=path)
    assert a.estimate.criterion("AREN001.1").answer.value == 1.0
    assert a.estimate.criterion("AREN003.3").answer.source == "data"
    assert a.ignored_answers == ("AREN003.3",)
    complete = {k.code: 1.0 for k in a.profile.criteria}
    full = cascade.assess(defects, as_of=2024, answers=complete)
    for name in lke.ESTIMATORS:
        assert full.total(name).hi in a.total(name)


def test_bad_answers_file_names_every_row(tmp_path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("code,answer\nAREN001.1,Q\nNOPE.1,Y\nAREN002.3,1.5\n")
    with pytest.raises(FileFormatError) as info:
        lke.read_answers(path, profile=lke.load_profile("national-88-2021"))
    assert len(info.value.problems) == 3


def test_bad_as_of_and_profile_are_usage_errors(defects: cascade.Cascade) -> None:
    with pytest.raises(UsageError):
        cascade.assess(defects, as_of="someday")
    with pytest.raises(UsageError):
        cascade.assess(defects, as_of=2024, profile="madiun")


def test_in_year_assessment_and_local_profile(defects: cascade.Cascade) -> None:
    a = cascade.assess(defects, as_of="2024Q2", profile="trenggalek-opd")
    assert a.year == 2024
    assert str(a.as_of) == "2024Q2"
    assert "trenggalek-opd" in str(a)
    assert a.estimate.criterion("DVAL004.1").answer.source == "data"


def test_answers_file_rows_of_another_year_are_not_read(
    defects: cascade.Cascade, tmp_path
) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("code,answer,year\nAREN001.1,Y,2023\nAREN001.2,Y,2024\nAREN002.1,A,\n")
    a = cascade.assess(defects, as_of=2024, answers=path)
    assert a.estimate.criterion("AREN001.1").answer.source == "unknown"
    assert a.estimate.criterion("AREN001.2").answer.value == 1.0
    assert a.estimate.criterion("AREN002.1").answer.value == 1.0


def test_fixes_without_a_known_owner_still_count_by_agency() -> None:
    from tests.checks._base import base, build

    t = base()
    t["goals"].loc[t["goals"]["goal_id"] == "K1", "unit_id"] = "NOPE"  # a dangling owner
    a = cascade.assess(build(t), as_of=2024)
    fixes, agencies = a.fixes(), a.agencies()
    assert fixes["agency_id"].isna().any()
    orphan = agencies[agencies["agency_id"].isna()]
    assert len(orphan) == 1
    assert orphan["agency"].iloc[0] == "(no known owner)"
    assert agencies["points"].sum() == pytest.approx(fixes["points"].sum())


def test_an_answer_above_a_proxys_data_bound_is_cut_to_it() -> None:
    from tests.checks._base import base, build

    t = base()
    goals = t["goals"]
    for goal in ("T1", "S1", "P1"):  # output words where outcomes belong: 1.b.3 at most E
        goals.loc[goals["goal_id"] == goal, "statement"] = "Terlaksananya kegiatan"
    city = build(t)
    before = cascade.assess(city, as_of=2024)
    bound = before.estimate.criterion("AREN002.3").answer
    assert (bound.source, bound.lo, bound.hi) == ("data", 0.0, 0.0)
    after = cascade.assess(city, as_of=2024, answers={"AREN002.3": "A"})
    cut = after.estimate.criterion("AREN002.3").answer
    assert (cut.source, cut.lo, cut.hi) == ("answer", 0.0, 0.0)
    assert set(cut.evidence) == set(bound.evidence)
    assert any(w.startswith("lke-answer-above-data: AREN002.3") for w in after.warnings)
    assert after.ignored_answers == ()
    for name in lke.ESTIMATORS:
        assert after.total(name).lo in before.total(name)
        assert after.total(name).hi in before.total(name)
