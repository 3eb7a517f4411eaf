"""The house's floors (docs: /README.md "Project layout"), read from the source with ``ast``.

A module imports from its own floor or below, never from above; no circle of
module-level imports exists among our modules; and no import hides inside a
function (where it would dodge a circle or a floor unseen), except the few
listed in ``IMPORTS_IN_FUNCTIONS`` with the reason each is there.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first. ``bench`` is a tool run from the command line, on top of every app.
FLOORS = {"config": 1, "wards": 1, "engines": 2, "centers": 3, "assessments": 4, "plans": 5, "bench": 6}
IMPORTS_IN_FUNCTIONS = {
    ("bench.pdf", "_setup"): "a script: Django is imported once the settings module is chosen",
    ("bench.pdf", "main"): "a script: models can only be imported after django.setup()",
    ("bench.centers_comparison", "_setup"): "a script: Django is imported once the settings module is chosen",
    ("bench.centers_comparison", "_build"): "a script: models can only be imported after django.setup()",
    ("bench.centers_comparison", "main"): "a script: the figures can only be imported after django.setup()",
    ("bench.dashboards", "_setup"): "a script: Django is imported once the settings module is chosen",
    ("bench.dashboards", "_pages"): "a script: URLs can only be reversed after django.setup()",
    ("bench.dashboards", "_serve"): "a script: Django is imported after django.setup()",
    ("bench.dashboards", "main"): "a script: the data builder imports models, after django.setup()",
    ("bench.pages", "_setup"): "a script: Django is imported once the settings module is chosen",
    ("bench.pages", "_user"): "a script: models can only be imported after django.setup()",
    ("bench.pages", "_pages"): "a script: models and URLs can only be used after django.setup()",
    ("bench.pages", "_serve"): "a script: Django is imported after django.setup()",
    ("bench.pages", "_build"): "a script: Django is imported after django.setup()",
    ("bench.pages", "main"): "a script: Django is imported after django.setup()",
    ("bench.page_cost", "_pages"): "a script: models can only be imported after django.setup()",
    ("bench.page_cost", "main"): "a script: Django is imported once the settings module is chosen",
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the imported module, as named (``assessments.models``)
    line: int
    function: str | None  # the function the import sits in, if any
    type_checking: bool  # under ``if TYPE_CHECKING:`` (never run)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _our_modules() -> dict[str, Path]:
    return {_module_name(path): path for package in FLOORS for path in sorted((ROOT / package).rglob("*.py"))}


MODULES = _our_modules()


def _resolve(name: str) -> str | None:
    """The longest of our modules that ``name`` names or lies in; ``None`` for another library."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:  # relative: from the module's package, one level up per extra dot
        package = module if is_package else module.rpartition(".")[0]
        for _level in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    # ``from package import submodule`` imports the submodule; ``from module import name`` the module.
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, path: Path) -> list[Import]:
    found = []
    is_package = path.name == "__init__.py"

    def visit(node, function, type_checking):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                for target in _targets(child, module, is_package):
                    found.append(Import(module, target, child.lineno, function, type_checking))
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            visit(child, inner, type_checking or (isinstance(child, ast.If) and _is_type_checking(child)))

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), None, False)
    return found


IMPORTS = [found for module, path in MODULES.items() for found in _imports(module, path)]


def _floor(module: str) -> int:
    return FLOORS[module.split(".")[0]]


def _module_level_graph() -> dict[str, set[str]]:
    """Which of our modules each module imports when it is imported (not in functions, not for type checkers)."""
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for found in IMPORTS:
        target = _resolve(found.target)
        if target and target != found.module and found.function is None and not found.type_checking:
            graph[found.module].add(target)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles = []

    def connect(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return circles


def test_the_imports_are_read_from_every_app():
    graph = _module_level_graph()

    assert {module.split(".")[0] for module in MODULES} == set(FLOORS)
    assert "assessments.documents.registry" in graph["assessments.dossier_zip"]
    assert "engines.documents.render" in graph["assessments.documents.registry"]
    assert "wards.models" in graph["assessments.models.assessment"]
    assert {"assessments.documents.registry", "assessments.tasks"} <= graph["assessments.batches"]


def test_no_module_imports_from_a_higher_floor():
    upward = [
        f"{found.module}:{found.line} imports {found.target}"
        for found in IMPORTS
        if (target := _resolve(found.target)) and _floor(target) > _floor(found.module)
    ]

    assert upward == []


def test_the_floors_above_centers_see_only_its_summaries():
    """The privacy rule lives in ``centers``: above it, only the aggregate summaries (and their topics) are imported."""
    reaching_in = [
        f"{found.module}:{found.line} imports {target}"
        for found in IMPORTS
        if _floor(found.module) > FLOORS["centers"]
        and found.module.split(".")[0] != "bench"
        and (target := _resolve(found.target))
        and target.startswith("centers")
        and target not in {"centers.summaries", "centers.topics"}
    ]

    assert reaching_in == []


def test_no_circle_of_module_level_imports():
    assert _circles(_module_level_graph()) == []


def test_a_circle_would_be_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}

    assert _circles(graph) == [["a", "b", "c"]]


def _allowed_in_function(found: Import) -> bool:
    if (found.module, found.function) in IMPORTS_IN_FUNCTIONS:
        return True
    # Django's own places for late imports: management commands and AppConfig.ready.
    return ".management.commands." in found.module or (
        found.module.endswith(".apps") and found.function == "ready"
    )


def test_no_import_hides_inside_a_function():
    hidden = [
        f"{found.module}:{found.line} ({found.function}) imports {found.target}"
        for found in IMPORTS
        if found.function is not None and not _allowed_in_function(found)
    ]

    assert hidden == []


@pytest.mark.parametrize(("place", "reason"), list(IMPORTS_IN_FUNCTIONS.items()))
def test_each_allowed_import_in_a_function_still_exists(place, reason):
    module, function = place

    assert any(found.module == module and found.function == function for found in IMPORTS), reason
