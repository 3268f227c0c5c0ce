"""Interface strings are translated when a page is made, in its reader's language: a
string translated at import (an eager `gettext` at a module's top level, in a dict or a
class body) is frozen in whatever language was active when the process started."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["pzss", "programme", "support", "training", "research", "outreach"]
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def _eager_names(tree: ast.Module) -> set[str]:
    """The local names bound to an eager gettext (`from … import gettext as _`)."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            names |= {a.asname or a.name for a in node.names if a.name in EAGER}
    return names


def _calls_outside_functions(node: ast.AST, names: set[str]):
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if (
            isinstance(child, ast.Call)
            and isinstance(child.func, ast.Name)
            and child.func.id in names
        ):
            yield child
        yield from _calls_outside_functions(child, names)


def test_no_interface_string_is_translated_at_import():
    frozen = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(), str(path))
            names = _eager_names(tree)
            for call in _calls_outside_functions(tree, names):
                frozen.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert frozen == [], "use gettext_lazy for strings made at import: " + ", ".join(frozen)
