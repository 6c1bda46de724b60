"""The downstream example of docs/testing.md: its suite passes as a project of its own.

``docs/examples/downstream`` is the test suite a tool built on cascade would write. It is
copied to a temporary folder (so it runs as the separate project it is, with its own
``pyproject.toml``, and leaves nothing behind in the docs) and run with pytest in a
subprocess; the plugin's fixtures reach it through the entry point alone. The page quotes the
example's files, and must quote them as they are.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "downstream"
PAGE = ROOT / "docs" / "testing.md"
FILES = ("pyproject.toml", "ekinerja_rules.py", "test_ekinerja.py")
#: No cache folder; show each fixture set up; a fixed seed so a green run stays green.
OPTIONS = ("-p", "no:cacheprovider", "--setup-show", "-v", "--hypothesis-seed=0")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    project = tmp_path_factory.mktemp("downstream") / "ekinerja"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", *OPTIONS],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_downstream_suite_passes(run: subprocess.CompletedProcess[str]) -> None:
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "configfile: pyproject.toml" in output  # its own settings, not this repository's
    assert re.search(r"^plugins: .*cascade-sakip-", output, flags=re.MULTILINE), output
    # Every test of the module passed (its doctests too), the Hypothesis ones included.
    tests = re.findall(r"^def (test_\w+)", (EXAMPLE / "test_ekinerja.py").read_text(), re.M)
    passed = re.findall(r"^\s*test_ekinerja.py::(test_\w+) .*PASSED$", output, flags=re.M)
    assert sorted(passed) == sorted(tests)
    summary = output.strip().splitlines()[-1]
    assert re.fullmatch(r"=+ \d+ passed in [\d.]+s( \([\d:]+\))? =+", summary), summary


def test_the_downstream_suite_uses_every_fixture_of_the_plugin(
    run: subprocess.CompletedProcess[str],
) -> None:
    setups = {
        line.split()[-1] if "(" not in line else line.split("(")[0].split()[-1]
        for line in run.stdout.splitlines()
        if line.strip().startswith("SETUP")
    }
    assert {
        "cascade_example",
        "cascade_example_with_defects",
        "cascade_example_results",
        "cascade_workbook",
    } <= setups


def test_the_page_quotes_the_example_files_as_they_are() -> None:
    text = PAGE.read_text(encoding="utf-8")
    quoted = dict(re.findall(r"<!-- quote: (\S+) -->\n```[a-z]+\n(.*?)```", text, flags=re.DOTALL))
    assert sorted(quoted) == sorted(f"docs/examples/downstream/{name}" for name in FILES)
    for name in FILES:
        actual = (EXAMPLE / name).read_text(encoding="utf-8")
        assert quoted[f"docs/examples/downstream/{name}"] == actual, (
            f"docs/testing.md quotes an old {name}: paste docs/examples/downstream/{name} again"
        )
