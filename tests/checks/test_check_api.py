"""check(): selection, policy, suppressions, and the Report API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.checks._base import add_row, base, build

from cascade import UsageError
from cascade.checks import CATALOGUE, COLUMNS, ConsistencyError, Severity, check
from cascade.checks._rule import Category, Rule
from cascade.checks._select import select_rules
from cascade.policy import Policy, Suppression, find_policy_file


def _broken():  # type: ignore[no-untyped-def]
    """Two orphan goals and a blank measure unit."""
    t = base()
    t["goals"].loc[2, "parent_goal_id"] = None  # P1 orphan
    t["goals"].loc[3, "parent_goal_id"] = None  # K1 orphan
    t["indicators"].loc[4, "measure_unit"] = None  # missing-metadata on I-SK1
    return build(t)


def _pairs(report) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(f.name, f.subject_id) for f in report.findings}


def test_report_basics() -> None:
    report = check(_broken(), select=["orphan-goal", "missing-metadata"])
    assert not report.ok
    assert len(report) == 3
    assert report.summary() == {"error": 2, "warning": 1, "info": 0}
    assert report.to_frame().columns.tolist() == COLUMNS
    assert report.counts().to_dict("records") == [
        {"code": "CAS104", "name": "orphan-goal", "severity": "error", "count": 2},
        {"code": "CAS107", "name": "missing-metadata", "severity": "warning", "count": 1},
    ]
    first = report.findings[0]
    assert first.code == "CAS104"
    assert first.subject_kind == "goal"
    assert first.subject_id == "K1"
    assert first.owner_id == "BID"
    assert first.path == ("K1",)
    assert first.message == (
        'Sasaran "K1" (Terlaksananya surveilans) has no parent goal, but its owner "BID" '
        "is not the pemda"
    )
    assert first.hint.startswith("Name the goal it supports in parent_goal_id;")
    meta = report.findings[-1]
    assert meta.path == ("K1", "SK1", "I-SK1")  # its goal's path (K1 is orphaned), then itself
    assert meta.owner_id == "SEKSI"
    assert "CAS104 orphan-goal [error]" in str(first)


def test_empty_report_has_fixed_columns_and_is_ok() -> None:
    report = check(build(base()))
    assert report.ok
    assert len(report) == 0
    frame = report.to_frame()
    assert frame.columns.tolist() == COLUMNS
    assert frame.empty
    assert report.counts().columns.tolist() == ["code", "name", "severity", "count"]
    assert report.raise_if_errors() is report
    assert report.periods == ["2024"]
    assert set(report.rules) == {r.code for r in CATALOGUE if r.status == "stable" and r.default}


def test_json_and_raise() -> None:
    report = check(_broken(), select=["orphan-goal"])
    doc = json.loads(report.to_json())
    assert doc["ok"] is False
    assert doc["summary"]["error"] == 2
    assert set(doc["findings"][0]) == set(COLUMNS)
    assert doc["findings"][0]["path"] == ["K1"]
    with pytest.raises(ConsistencyError, match="2 consistency errors") as info:
        report.raise_if_errors()
    assert info.value.report is report


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("orphan-goal", {"orphan-goal"}),
        ("CAS104", {"orphan-goal"}),
        ("cas104", {"orphan-goal"}),
        ("CAS10", {"orphan-goal", "missing-metadata"}),
        ("structure", {"orphan-goal", "missing-metadata"}),
        ("completeness", {"missing-metadata"}),
    ],
)
def test_selectors(selector: str, expected: set[str]) -> None:
    found = check(_broken(), select=[selector], ignore=["evaluation"]).findings
    assert {f.name for f in found} == expected


def test_all_selects_every_stable_rule() -> None:
    everything = check(_broken(), select=["ALL"], ignore=["evaluation"]).to_frame()
    assert everything.equals(check(_broken()).to_frame())


def test_ignore_and_unknown_selectors() -> None:
    names = {f.name for f in check(_broken(), ignore=["CAS104"]).findings}
    assert "orphan-goal" not in names
    assert "missing-metadata" in names
    with pytest.raises(UsageError, match=r"select: unknown rule selector 'orphn-goal'"):
        check(_broken(), select=["orphn-goal"])
    with pytest.raises(UsageError, match=r"ignore: unknown rule selector 'CAS999'"):
        check(_broken(), ignore=["CAS999"])


def test_removed_rules_cannot_be_selected() -> None:
    def gone(ctx):  # type: ignore[no-untyped-def]
        """Gone."""

    catalogue = [
        *CATALOGUE,
        Rule("CAS199", "old-rule", Severity.ERROR, Category.INTEGRITY, "old", None, "removed"),
    ]
    assert "CAS199" not in {r.code for r in select_rules(catalogue, select=None, ignore=[])}
    assert "CAS199" not in {r.code for r in select_rules(catalogue, select=["CAS1"], ignore=[])}
    with pytest.raises(UsageError, match="CAS199 old-rule was removed"):
        select_rules(catalogue, select=["old-rule"], ignore=[])


def test_severity_override_and_level_skip_policy() -> None:
    t = base()
    # The employee's RHK hangs directly under the kegiatan: administrator -> pelaksana.
    t["goals"].loc[5, "parent_goal_id"] = "K1"
    t["indicators"].loc[5, "parent_indicator_id"] = "I-K1"
    t["targets"].loc[4, "target"] = 0.0  # keep the split of I-K1's target exact
    c = build(t)
    if not any(r.name == "level-skip" for r in CATALOGUE):
        pytest.skip("level-skip not in the catalogue yet")

    def skips(policy: dict[str, object]) -> list[str]:
        report = check(c, select=["level-skip"], policy=policy)
        return [f.severity.value for f in report.findings]

    assert skips({}) == ["warning"]
    assert skips({"level_skip": "forbid"}) == ["error"]
    assert skips({"level_skip": "allow"}) == []
    assert skips({"level_skip": "forbid", "severity": {"level-skip": "info"}}) == ["info"]
    report = check(_broken(), select=["orphan-goal"], policy={"severity": {"CAS104": "warning"}})
    assert report.ok
    assert report.summary()["warning"] == 2


def test_suppressions_need_a_reason_and_unused_ones_are_reported() -> None:
    with pytest.raises(ValueError, match="reason"):
        Suppression(rule="orphan-goal", subject="K1", reason="")
    policy = Policy(
        suppress=(
            Suppression(rule="orphan-goal", subject="K1", reason="agreed with Bappeda"),
            Suppression(rule="CAS104", subject="GONE", reason="old link"),
        )
    )
    report = check(_broken(), policy=policy, select=["orphan-goal", "unused-suppression"])
    assert _pairs(report) == {("orphan-goal", "P1"), ("unused-suppression", "GONE")}
    stale = next(f for f in report.findings if f.name == "unused-suppression")
    assert stale.severity is Severity.WARNING
    assert "matched no finding" in stale.message
    assert "old link" in stale.message


def test_policy_files(tmp_path: Path) -> None:
    folder = tmp_path / "wb"
    build(base()).write(folder)
    assert find_policy_file(folder) is None
    assert Policy.discover(folder) == Policy()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_policy_file(folder) is None
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cascade]\nlevel_skip = "forbid"\nignore = ["zero-target"]\n'
    )
    assert find_policy_file(folder) == tmp_path / "pyproject.toml"
    assert Policy.discover(folder) == Policy(level_skip="forbid", ignore=("zero-target",))
    (folder / "cascade.toml").write_text(
        'tolerance = 0.01\n[[suppress]]\nrule = "orphan-goal"\nsubject = "K1"\nreason = "ok"\n'
    )
    assert find_policy_file(folder) == folder / "cascade.toml"
    policy = Policy.discover(folder)
    assert policy.tolerance == 0.01
    assert policy.suppress[0].subject == "K1"
    (folder / "cascade.toml").write_text('level_skip = "sometimes"\nbogus = 1\n')
    with pytest.raises(UsageError, match="invalid policy in") as info:
        Policy.discover(folder)
    assert "level_skip" in str(info.value)
    assert "bogus" in str(info.value)
    (folder / "cascade.toml").write_text("level_skip = \n")
    with pytest.raises(UsageError, match="cannot read policy file"):
        Policy.discover(folder)


def test_bad_period_and_policy_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="not a period"):
        check(build(base()), period="2024Q5")
    with pytest.raises(UsageError, match="invalid policy"):
        check(build(base()), policy={"level_skip": "never"})


def test_period_argument() -> None:
    t = base()
    t["targets"] = add_row(t["targets"], indicator_id="I-T1", period="2025", target=130)
    report = check(build(t), period="2025")
    assert report.periods == ["2025"]
    assert check(build(t)).periods == ["2024", "2025"]
