"""The pytest plugin: registered by entry point, its fixtures, their scopes, its cost."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib.metadata import entry_points

import pytest

from cascade.testing import plugin

pytest_plugins = ["pytester"]

FIXTURES = (
    "cascade_example",
    "cascade_example_with_defects",
    "cascade_example_results",
    "cascade_workbook",
)


def test_the_plugin_is_registered_by_its_entry_point(pytestconfig: pytest.Config) -> None:
    found = [ep for ep in entry_points(group="pytest11") if ep.name == "cascade"]
    assert [ep.value for ep in found] == ["cascade.testing.plugin"]
    assert pytestconfig.pluginmanager.get_plugin("cascade") is plugin


def test_every_fixture_is_namespaced_and_exported() -> None:
    assert sorted(n for n in plugin.__all__ if n != "WorkbookFactory") == sorted(FIXTURES)
    assert all(name.startswith("cascade_") for name in FIXTURES)


def test_the_fixtures_give_the_documented_objects(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import cascade


        def test_clean(cascade_example):
            assert cascade_example is cascade.load_example()
            assert len(cascade.check(cascade_example)) == 0


        def test_with_defects(cascade_example_with_defects):
            assert cascade_example_with_defects is cascade.load_example("with-defects")
            assert not cascade.check(cascade_example_with_defects).ok


        def test_results(cascade_example_results):
            assert isinstance(cascade_example_results, cascade.Results)
            assert str(cascade_example_results.as_of) == "2024"
            assert cascade_example_results.city["unit_id"].tolist() == ["PEMKO"]
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(passed=3)


def test_cascades_are_shared_and_results_are_fresh_for_each_test(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import math

        import pytest

        seen = {}


        @pytest.mark.parametrize("run", [1, 2])
        def test_share(
            run, cascade_example, cascade_example_with_defects, cascade_example_results
        ):
            seen.setdefault("example", cascade_example)
            seen.setdefault("defects", cascade_example_with_defects)
            assert seen["example"] is cascade_example
            assert seen["defects"] is cascade_example_with_defects
            assert seen.get("results") is not cascade_example_results
            frame = cascade_example_results.owners
            assert not math.isnan(frame["achievement"].iloc[0])
            frame.loc[0, "achievement"] = float("nan")  # a test that spoils its copy
            seen["results"] = cascade_example_results
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-W", "error", "--setup-show")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        ["SETUP    S cascade_example*", "*SETUP    F cascade_example_results*"]
    )
    setups = [line.strip() for line in result.outlines if "SETUP    S" in line]
    assert setups == ["SETUP    S cascade_example", "SETUP    S cascade_example_with_defects"]


def test_the_workbook_factory_writes_each_format(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import cascade
        import pytest


        @pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
        def test_round_trip(fmt, cascade_workbook, cascade_example):
            path = cascade_workbook(fmt)
            assert path.exists()
            assert cascade.read(path) == cascade_example
            names = {"xlsx": "workbook.xlsx", "csv": "workbook", "json": "workbook.json"}
            assert path.name == names[fmt]


        def test_default_and_fresh_paths(cascade_workbook):
            first, second = cascade_workbook(), cascade_workbook()
            assert first.suffix == ".xlsx"
            assert first != second


        def test_any_cascade(cascade_workbook, cascade_example_with_defects):
            path = cascade_workbook("json", cascade=cascade_example_with_defects)
            assert cascade.read(path) == cascade_example_with_defects


        def test_unknown_format(cascade_workbook):
            with pytest.raises(cascade.UsageError, match="unknown format 'ods'"):
                cascade_workbook("ods")
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(passed=6)


def test_the_plugin_can_be_turned_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_needs_it(cascade_example):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:cascade")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'cascade_example' not found*"])


def test_the_fixtures_are_listed_with_their_documentation(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("-p", "no:cacheprovider", "--fixtures")
    result.stdout.fnmatch_lines(
        [
            "*cascade_example [[]session scope[]]*",
            "*Kota Contoh, the clean example city*",
            "*cascade_example_results*",
        ]
    )


def test_loading_the_plugin_loads_no_data_and_no_hypothesis() -> None:
    code = textwrap.dedent(
        """
        import sys

        import cascade.testing.plugin
        from cascade.datasets import _load

        assert _load.cache_info().currsize == 0, "the example was loaded at import"
        assert "hypothesis" not in sys.modules
        assert "cascade.strategies" not in sys.modules
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
