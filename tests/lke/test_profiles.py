"""The shipped LKE profiles: structure, weights, codes and bindings."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from cascade.errors import FileFormatError, UnknownIdError, UsageError
from cascade.lke import PROFILES, load_profile


@pytest.fixture(scope="module")
def national():
    return load_profile("national-88-2021")


def test_national_components_and_subcomponents(national):
    assert [(c.code, c.weight) for c in national.components] == [
        ("AREN", 30),
        ("BKUR", 30),
        ("CLAP", 15),
        ("DVAL", 25),
    ]
    weights = [s.weight for s in national.subcomponents]
    assert weights == [6, 9, 15, 6, 9, 15, 3, 4.5, 7.5, 5, 7.5, 12.5]
    counts = [len(s.criteria) for s in national.subcomponents]
    assert counts == [6, 11, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5]
    assert len(national.criteria) == 80
    assert [s.position for s in national.subcomponents][:4] == ["1.a", "1.b", "1.c", "2.a"]


@pytest.mark.parametrize("name", PROFILES)
def test_weights_add_up_and_codes_unique(name):
    profile = load_profile(name)
    assert math.isclose(sum(c.weight for c in profile.criteria), 100.0)
    for sub in profile.subcomponents:
        assert math.isclose(sum(c.weight for c in sub.criteria), sub.weight)
    codes = [c.code for c in profile.criteria]
    assert len(codes) == len(set(codes))
    positions = [c.position for c in profile.criteria]
    assert len(positions) == len(set(positions))
    for c in profile.criteria:
        sub = next(s for s in profile.subcomponents if s.code == c.subcomponent)
        assert c.code.startswith(sub.code + ".")
        assert c.position.startswith(sub.position + ".")


def test_national_code_scheme(national):
    for c in national.criteria:
        comp, n = c.code.split(".")
        sub = national.criterion(c.code).subcomponent
        letter = "abc"[int(sub[-1]) - 1]
        assert c.position == f"{'ABCD'.index(comp[0]) + 1}.{letter}.{n}"


def test_national_bindings_match_research(national):
    counts = Counter(c.binding for c in national.criteria)
    assert counts == {"data": 31, "proxy": 9, "unknown": 40}
    points = {b: sum(c.weight for c in national.criteria if c.binding == b) for b in counts}
    assert round(points["data"]) == 34
    assert round(points["proxy"]) == 13
    assert round(points["unknown"]) == 53
    proxies = {c.code for c in national.criteria if c.binding == "proxy"}
    assert proxies == {
        "AREN002.3",
        "AREN003.7",
        "AREN003.8",
        "BKUR002.6",
        "BKUR002.7",
        "BKUR003.7",
        "DVAL001.2",
        "DVAL002.4",
        "DVAL002.5",
    }


def test_data_criteria_name_their_checks(national):
    for c in national.criteria:
        if c.binding == "data":
            assert c.checks, c.code
        if c.binding == "unknown":
            assert not c.checks, c.code
    assert "crosscutting-absent" in national.criterion("AREN002.9").checks
    assert "employee-without-rhk" in national.criterion("AREN002.8").checks


def test_trenggalek_profile():
    trg = load_profile("trenggalek-opd")
    assert trg.predikat_rule == ">="
    dval = trg.component("DVAL")
    assert [(s.position, s.weight) for s in dval.subcomponents] == [
        ("4.a", 5),
        ("4.b", 7.5),
        ("4.c", 5),
        ("4.d", 7.5),
    ]
    assert [c.code for c in dval.subcomponents[3].criteria] == [
        "DVAL004.1",
        "DVAL004.2",
        "DVAL004.3",
    ]
    nationals = {c.national for c in trg.criteria} - {None}
    for dropped in ("AREN001.1", "AREN001.2", "AREN002.4", "AREN002.11", "AREN003.6"):
        assert dropped not in nationals
    assert trg.criterion("AREN001.1").national == "AREN001.3"
    assert trg.criterion("BKUR003.2").national == "BKUR003.3"
    graded = {c.scale for c in trg.criteria if not c.subcomponent.endswith("001")}
    assert graded == {"A-D", "Y/T"}
    assert trg.criterion("AREN002.5").scale == "A-D"


def test_unknown_lookups(national):
    with pytest.raises(UnknownIdError):
        national.criterion("AREN009.1")
    with pytest.raises(UnknownIdError):
        national.component("XXXX")
    with pytest.raises(UsageError, match="no LKE profile"):
        load_profile("madiun")


def _write(tmp_path: Path, meta: dict, csv_text: str) -> Path:
    (tmp_path / "c.csv").write_text(csv_text, encoding="utf-8")
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**meta, "criteria": "c.csv"}), encoding="utf-8")
    return path


META = {
    "name": "tiny",
    "title": "t",
    "level": "pemda",
    "source": "test",
    "predikat_rule": ">",
    "components": [
        {
            "code": "AREN",
            "position": "1",
            "name": "P",
            "weight": 100,
            "subcomponents": [{"code": "AREN001", "position": "1.a", "name": "a", "weight": 100}],
        }
    ],
}
HEADER = "code,position,scale,binding,checks,text\n"


def test_load_profile_from_path(tmp_path):
    path = _write(tmp_path, META, HEADER + "AREN001.1,1.a.1,Y/T,data,x,q1\n")
    profile = load_profile(path)
    assert profile.name == "tiny"
    assert profile.criterion("AREN001.1").weight == 100


@pytest.mark.parametrize(
    ("csv_text", "meta", "message"),
    [
        (HEADER + "AREN001.1,1.a.1,Y/T,data,,a\nAREN001.1,1.a.2,Y/T,data,,b\n", META, "unique"),
        (HEADER + "AREN001.1,1.a.1,Q/Z,data,,a\n", META, "scale"),
        (HEADER + "AREN001.1,1.a.1,Y/T,data,,a\nBKUR001.1,2.a.1,Y/T,data,,b\n", META, "no sub"),
        ("code,position\nAREN001.1,1.a.1\n", META, "columns"),
        (HEADER + "AREN001.1,1.a.1,Y/T,maybe,,a\n", META, "binding"),
        (
            HEADER + "AREN001.1,1.a.1,Y/T,data,,a\n",
            {**META, "components": [{**META["components"][0], "weight": 90}]},
            "do not add up",
        ),
    ],
)
def test_malformed_profiles(tmp_path, csv_text, meta, message):
    path = _write(tmp_path, meta, csv_text)
    with pytest.raises(FileFormatError, match=message):
        load_profile(path)


def test_not_json(tmp_path):
    path = tmp_path / "p.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(FileFormatError, match="not JSON"):
        load_profile(path)


# The checks issue 8 adds (research 2.2); the others must already be in the catalogue.
NEW_CHECKS = {
    "unit-without-goal",
    "employee-without-rhk",
    "crosscutting-absent",
    "crosscutting-unlinked",
    "renaksi-missing",
    "realisation-gap",
    "unfunded-goal",
    "underachieved",
    "no-improvement",
    "inefficient-spend",
    "target-regression",
    "target-path-break",
    "iku-churn",
    "goal-not-outcome",
    "indicator-not-smart",
    "missing-measurement-metadata",
    "report-comparison-gap",
    "plan-drift",
    "cascade-depth",
}


@pytest.mark.parametrize("name", PROFILES)
def test_checks_named_by_criteria_exist_or_are_planned(name):
    from cascade.checks.catalogue import CATALOGUE

    known = {rule.name for rule in CATALOGUE} | NEW_CHECKS
    named = {check for c in load_profile(name).criteria for check in c.checks}
    assert named - known == set()
