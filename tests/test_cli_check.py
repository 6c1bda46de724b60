"""`cascade check` and `cascade rules`: output formats, exit codes, policy files."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd
import pytest

from cascade.checks import CATALOGUE
from cascade.cli import main
from cascade.datasets import example_defects, load_example


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "with-defects.xlsx"
    load_example("with-defects").write(path)
    return path


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "kota"
    load_example().write(path)
    return path


def test_clean_example_has_no_findings_and_exits_0(
    clean: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(clean)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No findings. 0 errors, 0 warnings, 0 info from ")


def test_with_defects_shows_every_documented_defect_and_exits_1(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(broken), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    found = {(f["name"], f["subject_id"]) for f in doc["findings"]}
    documented = set(zip(example_defects()["check"], example_defects()["subject_id"], strict=True))
    assert documented <= found
    first = doc["findings"][0]
    assert list(first) == [
        "code",
        "name",
        "severity",
        "category",
        "subject_kind",
        "subject_id",
        "owner_id",
        "period",
        "path",
        "message",
        "hint",
    ]
    assert doc["ok"] is False


def test_text_output_groups_by_agency_and_ends_with_a_summary(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(broken)]) == 1
    out = capsys.readouterr().out
    lines = out.rstrip("\n").splitlines()
    assert lines[-1].startswith("14 errors, ") or "errors, " in lines[-1]
    assert "DINKES (Dinas Kesehatan)" in lines
    dinkes = lines.index("DINKES (Dinas Kesehatan)")
    assert lines[dinkes + 1].lstrip().startswith("error")  # errors come first in a group
    assert "hint: " in out


def test_select_ignore_and_period(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(broken), "--select", "orphan-goal,CAS103", "--format", "csv"]) == 1
    frame = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert set(frame["name"]) == {"orphan-goal", "cycle"}
    assert main(["check", str(broken), "--select", "zero-target", "--ignore", "CAS3"]) == 0
    assert capsys.readouterr().out.startswith("No findings.")
    assert main(["check", str(broken), "--period", "2024Q1", "--select", "missing-target"]) == 1
    assert "[2024Q1]" in capsys.readouterr().out


def test_junit_names_each_failing_rule(broken: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.xml"
    assert main(["check", str(broken), "--format", "junit", "--output", str(target)]) == 1
    suite = ET.parse(target).getroot()
    assert suite.tag == "testsuite"
    failing = {c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None}
    assert "CAS104 orphan-goal" in failing
    assert "CAS305 zero-target" not in failing  # a warning does not fail the case
    assert int(suite.get("failures", "0")) == len(failing)


def test_policy_beside_the_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "wb"
    load_example("with-defects").write(folder)
    (folder / "cascade.toml").write_text(
        'ignore = ["structure", "alignment", "CAS3", "CAS4"]\n'
        "[[suppress]]\n"
        'rule = "cycle"\nsubject = "NOT-THERE"\nreason = "old"\n',
        encoding="utf-8",
    )
    assert main(["check", str(folder), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(f["name"], f["subject_id"]) for f in doc["findings"]] == [
        ("unused-suppression", "NOT-THERE")
    ]
    explicit = tmp_path / "strict.toml"
    explicit.write_text('select = ["level-skip"]\nlevel_skip = "forbid"\n', encoding="utf-8")
    assert main(["check", str(folder), "--policy", str(explicit), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in doc["findings"]} == {"error"}


def test_usage_errors_exit_2(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(broken), "--select", "orphn-goal"]) == 2
    err = capsys.readouterr().err
    assert "unknown rule selector 'orphn-goal'" in err
    assert "Traceback" not in err
    assert main(["check", str(broken), "--period", "2024Q9"]) == 2
    assert main(["check", "no/such/workbook.xlsx"]) == 2
    assert main(["rules", "no-such-rule"]) == 2
    assert "no rule named 'no-such-rule'" in capsys.readouterr().err


def test_rules_lists_and_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule in CATALOGUE:
        assert rule.code in out
        assert rule.name in out
    assert main(["rules", "CAS105"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("orphan-indicator (CAS105): error, linkage")
    for heading in ("What it flags", "Why it matters", "Example", "How to fix"):
        assert heading in out
    assert main(["rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in rows] == [r.code for r in CATALOGUE]
    assert main(["rules", "orphan-goal", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["how_to_fix"].startswith("Name the goal")


def test_demo_checks_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Checking the cascade" in out
    assert "cascade.check(load_example()): 0 errors, 0 warnings, 0 info" in out
    assert "CAS104  orphan-goal" in out
