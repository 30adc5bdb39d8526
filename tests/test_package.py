"""The package as participants read it: public names, readable functions, cheap imports."""

import ast
import importlib
import inspect
import pathlib
import subprocess
import sys

import pytest

import fairlearn_lite

PACKAGE = pathlib.Path(fairlearn_lite.__file__).parent
PUBLIC_MODULES = ["fairlearn_lite", "fairlearn_lite.confusion", "fairlearn_lite.metrics",
                  "fairlearn_lite.criteria", "fairlearn_lite.fairness_tree",
                  "fairlearn_lite.thresholds", "fairlearn_lite.uncertainty",
                  "fairlearn_lite.mitigation", "fairlearn_lite.widgets",
                  "fairlearn_lite.datasets", "fairlearn_lite.models", "fairlearn_lite.plotting",
                  "fairlearn_lite.operating_point", "fairlearn_lite.proxies",
                  "fairlearn_lite.comparison", "fairlearn_lite.audit",
                  "fairlearn_lite.bias_audit"]
# The functions a participant calls on per-row data: each shows how, in an example that runs.
DOCUMENTED = [name for module in PUBLIC_MODULES
              for name in importlib.import_module(module).__all__]


def _functions(path: pathlib.Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _body_lines(node) -> int:
    """Lines of a function, its docstring not counted."""
    body = node.body
    first = body[0]
    has_doc = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
        and isinstance(first.value.value, str)
    if has_doc and len(body) == 1:
        return 0
    start = body[1] if has_doc else first
    return node.end_lineno - start.lineno + 1


def test_no_function_in_the_package_is_longer_than_40_lines():
    long = [f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({_body_lines(node)} lines)"
            for path in sorted(PACKAGE.rglob("*.py")) for node in _functions(path)
            if _body_lines(node) > 40]
    assert not long, long


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_public_module_lists_its_public_names(module):
    imported = importlib.import_module(module)
    assert hasattr(imported, "__all__"), module
    missing = [name for name in imported.__all__ if not hasattr(imported, name)]
    assert not missing, missing


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_public_function_has_an_example_that_runs(module):
    imported = importlib.import_module(module)
    lacking = []
    for name in imported.__all__:
        obj = getattr(imported, name)
        if not inspect.isfunction(obj):
            continue
        doc = inspect.getdoc(obj) or ""
        if ">>>" not in doc:
            lacking.append(name)
    assert not lacking, f"{module}: no example in {lacking}"


def test_importing_the_package_loads_no_heavy_library():
    code = ("import sys, fairlearn_lite; "
            "print(sorted(m for m in ('scipy', 'sklearn', 'dalex', 'matplotlib', 'ipywidgets') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"


def test_errors_name_a_public_function_not_an_internal_one():
    # The checkers find the public function themselves; no hand-typed names that can drift.
    typed = [f"{path.relative_to(PACKAGE)}:{number}" for path in sorted(PACKAGE.rglob("*.py"))
             for number, line in enumerate(path.read_text().splitlines(), 1)
             if 'func="' in line or 'func = "' in line]
    assert not typed, typed
