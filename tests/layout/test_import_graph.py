"""The house's rules, read from the code itself: imports point one way (`lib` ← `core` ←
`documents`, `events` ← `programme` and the four area apps), no area app imports
another, no module imports itself round a cycle, and a module imports inside a function
only in `AppConfig.ready()` (where apps register themselves once everything is loaded).

The graph is built with `ast` from the project's own modules, migrations left out."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["pzss", "programme", "support", "training", "research", "outreach"]
AREAS = {"support", "training", "research", "outreach"}
# The layer of each part of the project; a module may import only its own layer's other
# parts where allowed below, and the layers beneath it.
LAYERS = {
    "pzss.lib": 0,
    "pzss.core": 1,
    # the search index: it imports only pzss.lib; the apps above register their sources
    "pzss.search": 1,
    "pzss.documents": 2,
    "pzss.events": 2,
    "programme": 3,
    **{area: 3 for area in AREAS},
}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    in_function: str | None  # the enclosing function's name, None at module level


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            found[_module_name(path)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project's module that `name` (a module or a name inside one) refers to."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _edges(module: str, path: Path) -> list[Edge]:
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    edges: list[Edge] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{alias.name}" for alias in child.names] or [base]
            for target in targets:
                resolved = _resolve(target)
                if resolved and resolved != module:
                    edges.append(Edge(module, resolved, child.lineno, function))
            visit(child, function)

    visit(tree, None)
    return edges


EDGES = [edge for module, path in MODULES.items() for edge in _edges(module, path)]


def layer_of(module: str) -> tuple[str, int] | None:
    for prefix, layer in sorted(LAYERS.items(), key=lambda item: -len(item[0])):
        if module == prefix or module.startswith(prefix + "."):
            return prefix, layer
    return None  # the project package itself: settings, urls, the Celery app


def _where(edge: Edge) -> str:
    return f"{MODULES[edge.source].relative_to(ROOT)}:{edge.line} imports {edge.target}"


def test_the_graph_sees_the_project():
    # A walker that found nothing would pass every rule below.
    assert {"pzss.core.models", "pzss.events.services.waitlist", "programme.services"} <= set(
        MODULES
    )
    assert any(e.source == "pzss.events.services.waitlist" for e in EDGES)


# The one sideways step allowed: event sign-up renders its certificates as documents.
SIDEWAYS = {("pzss.events", "pzss.documents")}


def test_imports_point_down_the_layers():
    wrong = []
    for edge in EDGES:
        source, target = layer_of(edge.source), layer_of(edge.target)
        if source is None or target is None or source[0] == target[0]:
            continue
        (source_part, source_layer), (target_part, target_layer) = source, target
        upward = target_layer > source_layer
        sideways = target_layer == source_layer and (source_part, target_part) not in SIDEWAYS
        if upward or sideways:
            wrong.append(_where(edge))
    assert wrong == []


def test_core_names_no_app_above_it_in_any_form():
    """Not in Python (above), not in a template's {% url %}, not in a hard-coded path."""
    above = ("documents", "events", "programme", *sorted(AREAS))
    offenders = []
    for path in (ROOT / "pzss" / "core").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text()
        for name in above:
            # A URL name, a dotted path, a path: `"events:list"`, `"programme.models"`,
            # `"/programme/"` (a bare word like "research" is also an activity kind).
            for needle in (f'"{name}:', f"'{name}:", f'"{name}.', f"'{name}.", f"/{name}/"):
                if needle in text:
                    offenders.append(f"{path.relative_to(ROOT)} names {needle}")
    for path in (ROOT / "templates" / "core").rglob("*.html"):
        text = path.read_text()
        for name in above:
            for needle in (f"'{name}:", f'"{name}:', f"/{name}/", f"{name}/"):
                if needle in text:
                    offenders.append(f"{path.relative_to(ROOT)} names {needle}")
    assert offenders == []


def test_no_area_app_imports_another():
    wrong = [
        _where(e)
        for e in EDGES
        if e.source.split(".")[0] in AREAS
        and e.target.split(".")[0] in AREAS
        and e.source.split(".")[0] != e.target.split(".")[0]
    ]
    assert wrong == []


def test_no_import_inside_a_function_but_in_an_app_config():
    """An AppConfig's methods (`ready()`, `load_demo()`) run once the apps are loaded and
    are where an app registers itself; everywhere else imports sit at the top."""
    wrong = [
        f"{_where(e)} inside {e.in_function}()"
        for e in EDGES
        if e.in_function and not e.source.endswith(".apps")
    ]
    assert wrong == []


def _cycles(edges: list[Edge]) -> list[list[str]]:
    graph: dict[str, set[str]] = {}
    for e in edges:
        graph.setdefault(e.source, set()).add(e.target)
    # Tarjan's strongly connected components: any with two or more modules is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def strongconnect(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return found


def test_no_import_cycle_anywhere():
    # Package __init__ modules that only re-export (core.models) are modules like any other.
    assert _cycles(EDGES) == []


@pytest.mark.parametrize(
    "edges, has_cycle",
    [
        ([Edge("a", "b", 1, None), Edge("b", "a", 1, None)], True),
        ([Edge("a", "b", 1, None), Edge("b", "c", 1, None), Edge("c", "a", 1, "f")], True),
        ([Edge("a", "b", 1, None), Edge("b", "c", 1, None)], False),
    ],
)
def test_the_cycle_finder_finds_cycles(edges, has_cycle):
    assert bool(_cycles(edges)) is has_cycle
