"""The assertion helpers pass on good input and fail with the documented message on bad."""

from __future__ import annotations

import math
import re
import subprocess
import sys

import pytest

import cascade
from cascade.checks import CATALOGUE
from cascade.checks._select import resolve
from cascade.testing import (
    MAX_LISTED,
    assert_achievement,
    assert_consistent,
    assert_finding,
    assert_no_finding,
)

CLEAN = cascade.load_example()
BROKEN = cascade.load_example("with-defects")
WHOLE = cascade.check(BROKEN)
#: Every rule that fires on the with-defects city, by family: ignoring these leaves nothing.
FAMILIES = ["structure", "alignment", "values", "budget"]


@pytest.fixture(scope="module")
def results() -> cascade.Results:
    return cascade.propagate(CLEAN, as_of="2024")


@pytest.fixture(scope="module")
def broken_results() -> cascade.Results:
    return cascade.propagate(BROKEN, as_of="2024")


def failure(excinfo: pytest.ExceptionInfo[AssertionError]) -> str:
    return str(excinfo.value)


# assert_consistent --------------------------------------------------------------------------


def test_assert_consistent_returns_the_report_of_a_clean_cascade() -> None:
    report = assert_consistent(CLEAN)
    assert isinstance(report, cascade.Report)
    assert len(report) == 0
    assert "CAS104" in report.rules


def test_assert_consistent_lists_the_findings_as_a_bounded_table() -> None:
    total = len(cascade.check(BROKEN))
    assert total > MAX_LISTED  # so the table must be cut
    with pytest.raises(AssertionError) as excinfo:
        assert_consistent(BROKEN)
    message = failure(excinfo)
    lines = message.splitlines()
    assert lines[0] == f"cascade.check found {total} findings (14 errors, 9 warnings, 1 info):"
    assert lines[1].split() == ["code", "name", "severity", "subject", "message"]
    rows = [line for line in lines if re.match(r"  CAS\d{3}  ", line)]
    assert len(rows) == MAX_LISTED
    assert re.search(
        r"CAS104  orphan-goal +error +BPBD-SK-TAKTIS +Sasaran \"BPBD-SK-TAKTIS\"", message
    )
    more = total - MAX_LISTED
    assert re.search(rf"  … and {more} more \(CAS\d{{3}} [a-z-]+ \d", message)
    assert (
        "The whole report: 14 errors, 9 warnings, 1 info from 30 rules (period 2024)." in message
    )
    assert "ignore=" in message
    assert all(len(line) < 260 for line in lines)  # messages are cut, with an ellipsis
    assert any(line.endswith("…") for line in rows)


@pytest.mark.parametrize(
    ("ignore", "ran"),
    [
        (FAMILIES, ["CAS901"]),
        (["CAS1", "CAS2", "CAS3", "CAS4"], ["CAS901"]),
        (["integrity", "linkage", "completeness", "consistency"], []),
    ],
)
def test_assert_consistent_ignores_rules_as_check_does(ignore: list[str], ran: list[str]) -> None:
    report = assert_consistent(BROKEN, ignore=ignore)
    assert report.rules == ran


def test_assert_consistent_takes_names_codes_and_a_single_selector() -> None:
    with pytest.raises(AssertionError) as excinfo:
        assert_consistent(BROKEN, ignore=["orphan-goal", "CAS105"])
    message = failure(excinfo)
    assert "orphan-goal" not in message
    assert "orphan-indicator" not in message
    assert "duplicate-id" in message
    with pytest.raises(AssertionError) as excinfo:
        assert_consistent(BROKEN, ignore="CAS1")
    assert "CAS1" not in "".join(re.findall(r"  (CAS\d)\d\d  ", failure(excinfo)))


def test_assert_consistent_fails_only_from_min_severity() -> None:
    errors = ["CAS101", "CAS102", "CAS103", "CAS104", "CAS105", "CAS106"]
    errors += ["CAS201", "CAS202", "CAS203", "CAS204", "CAS301", "CAS302"]
    report = assert_consistent(BROKEN, ignore=errors, min_severity="error")
    assert report.summary() == {"error": 0, "warning": 9, "info": 1}
    with pytest.raises(AssertionError) as excinfo:
        assert_consistent(BROKEN, ignore=errors, min_severity=cascade.Severity.WARNING)
    message = failure(excinfo)
    assert message.splitlines()[0] == (
        "cascade.check found 9 findings at or above warning (9 warnings):"
    )
    assert "budget-on-non-program-goal" not in message  # the info finding does not fail
    assert "The whole report: 0 errors, 9 warnings, 1 info" in message


def test_assert_consistent_applies_the_policy() -> None:
    policy = cascade.Policy(
        ignore=FAMILIES,
        severity={"unused-suppression": "error"},
        suppress=[{"rule": "orphan-goal", "subject": "NOWHERE", "reason": "a stale entry"}],
    )
    with pytest.raises(AssertionError) as excinfo:
        assert_consistent(CLEAN, policy=policy)
    message = failure(excinfo)
    assert "found 1 finding (1 error):" in message
    assert re.search(r"CAS901  unused-suppression  error +NOWHERE", message)
    suppress = [
        {"rule": "CAS104", "subject": "BPBD-SK-TAKTIS", "reason": "kept"},
        {"rule": "CAS104", "subject": "DISNAKER-RHK-MAGANG", "reason": "kept"},
    ]
    others = [f for f in FAMILIES if f != "structure"] + ["CAS101", "CAS102", "CAS103"]
    report = assert_consistent(
        BROKEN, ignore=[*others, "CAS105", "CAS106", "CAS107"], policy={"suppress": suppress}
    )
    assert report.summary()["error"] == 0


def test_assert_consistent_checks_the_period_asked() -> None:
    with pytest.raises(AssertionError, match="missing-target"):
        assert_consistent(CLEAN, period="2025")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"ignore": ["no-such-rule"]}, "ignore: unknown rule selector 'no-such-rule'"),
        ({"ignore": [101]}, "ignore: a rule selector is a string, not 101"),
        ({"min_severity": "fatal"}, "min_severity: unknown severity 'fatal'"),
        ({"policy": {"level_skip": "sometimes"}}, "invalid policy"),
        ({"period": "2024Q5"}, "2024Q5"),
    ],
)
def test_assert_consistent_refuses_bad_arguments(kwargs: dict, match: str) -> None:
    with pytest.raises(cascade.UsageError, match=re.escape(match)):
        assert_consistent(CLEAN, **kwargs)


# assert_finding and assert_no_finding -------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "subject"),
    [
        ("orphan-goal", "DISNAKER-RHK-MAGANG"),
        ("CAS102", "DINKES-SK1.1.1-I3"),  # a dangling id: in no table
        ("cas303", "DINKES-SK1.1.1-I1"),
        ("linkage", "DISDIK-RHK2.1.2.1"),  # any selector: the category of owner-misaligned
    ],
)
def test_assert_finding_returns_the_matching_findings(rule: str, subject: str) -> None:
    found = assert_finding(BROKEN, rule, subject)
    assert found
    assert all(isinstance(f, cascade.Finding) for f in found)
    assert {f.subject_id for f in found} == {subject}
    # It runs only the rules named, and finds what a whole check finds.
    codes = {r.code for r in resolve(rule, CATALOGUE)}
    whole = [f for f in WHOLE.findings if f.code in codes and f.subject_id == subject]
    assert found == whole


def test_assert_finding_shows_the_near_misses() -> None:
    with pytest.raises(AssertionError) as excinfo:
        assert_finding(BROKEN, "missing-target", "DINKES-SK1.1.1-I1")
    message = failure(excinfo)
    assert message.splitlines()[0] == (
        "expected a finding of missing-target (CAS301) on 'DINKES-SK1.1.1-I1'; there is none."
    )
    on_subject, of_rule = message.split("Findings of missing-target (CAS301), 1:")
    assert "Findings on 'DINKES-SK1.1.1-I1', 1:" in on_subject
    assert re.search(r"CAS303  target-split-mismatch  warning +DINKES-SK1.1.1-I1", on_subject)
    assert re.search(r"CAS301  missing-target  error +DINKES-RHK1.1.2.1-I1 .*no target", of_rule)


def test_assert_finding_says_when_there_is_nothing_near() -> None:
    with pytest.raises(AssertionError) as excinfo:
        assert_finding(CLEAN, "orphan-goal", "DINKES-P1")
    message = failure(excinfo)
    assert "No finding at all on 'DINKES-P1'." in message
    assert "orphan-goal (CAS104) found nothing." in message
    with pytest.raises(AssertionError) as excinfo:
        assert_finding(CLEAN, "orphan-goal", "DINKES-P9")
    assert (
        "No finding at all on 'DINKES-P9', and no unit, goal or indicator of the cascade has"
        " that id." in failure(excinfo)
    )


def test_assert_finding_names_the_suppression_that_hid_it() -> None:
    policy = {"suppress": [{"rule": "CAS104", "subject": "BPBD-SK-TAKTIS", "reason": "Perwako"}]}
    with pytest.raises(AssertionError) as excinfo:
        assert_finding(BROKEN, "orphan-goal", "BPBD-SK-TAKTIS", policy=policy)
    message = failure(excinfo)
    assert "The policy suppresses it: CAS104 on 'BPBD-SK-TAKTIS' (Perwako)." in message
    assert "budget-orphan" in message  # the subject's other finding is still a near miss


@pytest.mark.parametrize(
    ("policy", "reason"),
    [
        ({"ignore": ["orphan-goal"]}, "orphan-goal (CAS104): the policy ignores it"),
        ({"ignore": ["linkage"]}, "orphan-goal (CAS104): the policy ignores it"),
        ({"select": ["CAS3"]}, "orphan-goal (CAS104): the policy's select leaves it out"),
    ],
)
def test_assert_finding_says_when_the_rule_did_not_run(policy: dict, reason: str) -> None:
    with pytest.raises(AssertionError) as excinfo:
        assert_finding(BROKEN, "orphan-goal", "BPBD-SK-TAKTIS", policy=policy)
    message = failure(excinfo)
    assert message.splitlines() == [
        (
            "expected a finding of orphan-goal on 'BPBD-SK-TAKTIS', but the rule did not run,"
            " so the check cannot tell:"
        ),
        f"  {reason}",
    ]


def test_a_level_skip_switched_off_is_a_rule_that_did_not_run() -> None:
    assert assert_finding(BROKEN, "level-skip", "DISPERINDAG-RHK-SIDAK")
    with pytest.raises(AssertionError, match="level_skip='allow' switches it off"):
        assert_no_finding(
            BROKEN, "level-skip", "DISPERINDAG-RHK-SIDAK", policy={"level_skip": "allow"}
        )


def test_assert_finding_follows_the_period() -> None:
    assert assert_finding(CLEAN, "missing-target", "PEMKO-T1-I1", period="2025")
    with pytest.raises(AssertionError, match="there is none"):
        assert_finding(CLEAN, "missing-target", "PEMKO-T1-I1", period="2024")


def test_assert_no_finding_passes_and_fails() -> None:
    assert assert_no_finding(CLEAN, "orphan-goal", "DISNAKER-RHK-MAGANG") is None
    assert_no_finding(BROKEN, "orphan-indicator", "DISNAKER-RHK-MAGANG")  # another rule's
    with pytest.raises(AssertionError) as excinfo:
        assert_no_finding(BROKEN, "CAS104", "DISNAKER-RHK-MAGANG")
    lines = failure(excinfo).splitlines()
    assert lines[0] == (
        "expected no finding of orphan-goal (CAS104) on 'DISNAKER-RHK-MAGANG'; found 1:"
    )
    assert re.match(r"  CAS104  orphan-goal  error +DISNAKER-RHK-MAGANG +Sasaran", lines[2])


@pytest.mark.parametrize("helper", [assert_finding, assert_no_finding])
def test_an_unknown_rule_is_a_usage_error(helper: object) -> None:
    with pytest.raises(cascade.UsageError, match="unknown rule selector 'orphan-goals'"):
        helper(CLEAN, "orphan-goals", "PEMKO")  # type: ignore[operator]
    with pytest.raises(cascade.UsageError, match="a rule is a name or code, not 104"):
        helper(CLEAN, 104, "PEMKO")  # type: ignore[operator]


# assert_achievement -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "table", "column"),
    [
        ("PEMKO", "owners", "unit_id"),
        ("DINASPU", "owners", "unit_id"),
        ("DINKES-P1", "goals", "goal_id"),
        ("PEMKO-T1-I1", "indicators", "indicator_id"),
    ],
)
def test_assert_achievement_passes_on_the_figure(
    results: cascade.Results, subject: str, table: str, column: str
) -> None:
    frame = results.table(table)  # type: ignore[arg-type]
    value = float(frame.loc[frame[column] == subject, "achievement"].iloc[0])
    why = assert_achievement(results, subject, value)
    assert isinstance(why, cascade.Explanation)
    assert why.subject_id == subject
    assert_achievement(results, subject, round(value, 1), tolerance=0.05)


def test_assert_achievement_fails_with_the_explanation(results: cascade.Results) -> None:
    value = results.explain("DINKES-P1-I1").value
    assert value is not None
    with pytest.raises(AssertionError) as excinfo:
        assert_achievement(results, "DINKES-P1-I1", value + 1)
    message = failure(excinfo)
    lines = message.splitlines()
    assert lines[0] == (
        f"achievement of indicator 'DINKES-P1-I1' for 2024: expected {value + 1:.12g},"
        f" got {value:.12g} (off by -1; tolerance 1e-09)"
    )
    assert lines[1] == "How it was obtained:"
    assert lines[2].startswith("  Indikator DINKES-P1-I1 (")
    assert "against its target" in message
    assert " × 100 = " in message  # the formula with its numbers


def test_assert_achievement_shows_the_inputs_of_a_mean(results: cascade.Results) -> None:
    with pytest.raises(AssertionError) as excinfo:
        assert_achievement(results, "DINASPU", 100, tolerance=0.5)
    message = failure(excinfo)
    assert "tolerance 0.5)" in message
    assert "the mean of its 6 goals' achievements" in message
    assert "  inputs:" in message
    assert re.search(r"goal DINASPU-\S+ \(.*\): \d+\.\d  share 17%, drag \+", message)
    assert "pulling it down most:" in message


def test_assert_achievement_of_a_missing_figure(broken_results: cascade.Results) -> None:
    subject = "DINKES-RHK1.1.2.1-I1"  # its target was removed
    assert assert_achievement(broken_results, subject, None).value is None
    assert_achievement(broken_results, subject, math.nan)
    with pytest.raises(AssertionError) as excinfo:
        assert_achievement(broken_results, subject, 100)
    message = failure(excinfo)
    assert message.splitlines()[0] == (
        f"achievement of indicator '{subject}' for 2024: expected 100, got no figure (missing)"
    )
    assert "but no target for the period" in message


def test_assert_achievement_expecting_none_fails_on_a_figure(results: cascade.Results) -> None:
    with pytest.raises(AssertionError) as excinfo:
        assert_achievement(results, "PEMKO", None)
    first = failure(excinfo).splitlines()[0]
    assert re.fullmatch(
        r"achievement of unit 'PEMKO' for 2024: expected no figure \(missing\), got 96\.\d+",
        first,
    )


def test_assert_achievement_finds_the_id_with_its_kind(results: cascade.Results) -> None:
    assert assert_achievement(results, "DINKES", 99.1, tolerance=0.05, kind="unit")
    with pytest.raises(cascade.UnknownIdError):
        assert_achievement(results, "DINKES", 99.1, kind="goal")
    with pytest.raises(cascade.UnknownIdError):
        assert_achievement(results, "DINKES-X", 99.1)


@pytest.mark.parametrize(
    ("expected", "tolerance", "match"),
    [
        (100, -1, "tolerance must be a number of percentage points >= 0, not -1"),
        (100, math.nan, "not nan"),
        (100, True, "not True"),
        ("100", 0.1, "expected must be an achievement in percent or None, not '100'"),
        (False, 0.1, "not False"),
    ],
)
def test_assert_achievement_refuses_bad_arguments(
    results: cascade.Results, expected: object, tolerance: object, match: str
) -> None:
    with pytest.raises(cascade.UsageError, match=re.escape(match)):
        assert_achievement(results, "PEMKO", expected, tolerance=tolerance)  # type: ignore[arg-type]


# importing ----------------------------------------------------------------------------------


def test_importing_cascade_testing_needs_neither_pytest_nor_hypothesis() -> None:
    code = (
        "import sys\n"
        "import cascade.testing\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "assert not loaded & {'pytest', '_pytest', 'hypothesis'}, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
