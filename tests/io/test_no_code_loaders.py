"""No code in ``src/`` can run code hidden in its input: no pickle, marshal or shelve, no
``yaml.load``, ``eval`` or ``exec``, no ``numpy.load`` of pickles. The scan reads the syntax
tree of every module, so a comment or a string that names them does not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

#: Modules that turn bytes into objects by running code.
FORBIDDEN_MODULES = {
    "pickle",
    "_pickle",
    "cPickle",
    "marshal",
    "shelve",
    "dill",
    "cloudpickle",
    "jsonpickle",
    "joblib",
}
#: Builtins that run code given as data.
FORBIDDEN_BUILTINS = {"eval", "exec", "compile", "__import__"}
#: Methods that unpickle, whatever they are called on.
FORBIDDEN_METHODS = {"read_pickle", "unsafe_load", "full_load", "load_all"}


def loaders(source: str, name: str = "<source>") -> list[str]:
    """Each use of a code-running loader in ``source``, as ``name:line: what``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename=name)):
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [
                f"{where}: import {a.name}"
                for a in node.names
                if a.name.split(".")[0] in FORBIDDEN_MODULES
            ]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in FORBIDDEN_MODULES:
                found.append(f"{where}: from {node.module} import ...")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_BUILTINS:
                found.append(f"{where}: {func.id}()")
            elif isinstance(func, ast.Attribute):
                owner = func.value.id if isinstance(func.value, ast.Name) else ""
                if func.attr in FORBIDDEN_METHODS:
                    found.append(f"{where}: .{func.attr}()")
                elif func.attr == "load" and owner == "yaml":
                    found.append(f"{where}: yaml.load()")
                elif any(
                    k.arg == "allow_pickle"
                    and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                    for k in node.keywords
                ):
                    found.append(f"{where}: {func.attr}(allow_pickle=...)")
    return found


def test_no_module_of_the_package_uses_a_code_running_loader() -> None:
    modules = sorted(SRC.rglob("*.py"))
    assert len(modules) > 50  # the scan sees the package
    found = [
        hit
        for module in modules
        for hit in loaders(module.read_text(encoding="utf-8"), str(module.relative_to(SRC)))
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "import pickle",
        "import pickle as p",
        "from marshal import loads",
        "import shelve.x",
        "x = eval('1')",
        "exec(code)",
        "compile(s, 'f', 'exec')",
        "__import__('os')",
        "pd.read_pickle(path)",
        "yaml.load(text)",
        "yaml.unsafe_load(text)",
        "np.load(path, allow_pickle=True)",
        "np.load(path, allow_pickle=flag)",
    ],
)
def test_the_scan_finds_each_loader(source: str) -> None:
    assert len(loaders(source)) == 1


@pytest.mark.parametrize(
    "source",
    [
        "# import pickle",
        "text = 'eval(x)'",
        "json.loads(text)",
        "yaml.safe_load(text)",
        "np.load(path)",
        "np.load(path, allow_pickle=False)",
        "model.evaluate(x)",
    ],
)
def test_the_scan_lets_safe_code_be(source: str) -> None:
    assert loaders(source) == []
