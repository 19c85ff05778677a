"""The layers hold: no import circle, no import upwards, flet only where the UI is.

Every import counts, function-local and `TYPE_CHECKING` ones included: a circle that only
works because an import hides inside a function is still a circle a newcomer trips over.
docs/architecture.md explains the layers these rules enforce.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[3] / "companion"

LOWER = {
    "core": {"core"},
    "vault": {"core", "vault"},
    "reference": {"core", "reference"},
    "adapters": {"core", "reference", "adapters"},
    "kinds": {"core", "vault", "reference", "kinds"},
    "export": {"core", "vault", "reference", "kinds", "export"},
    "services": {"core", "vault", "reference", "kinds", "export", "adapters", "services"},
    "ui": {"core", "vault", "reference", "kinds", "export", "adapters", "services", "ui"},
    "top": {"core", "vault", "reference", "kinds", "export", "adapters", "services", "ui", "top"},
}
# inside ui/: kit is the floor, then widgets, then screens; the shell (and app.py) know everything
UI_LOWER = {
    "kit": {"kit"},
    "widgets": {"kit", "widgets"},
    "screens": {"kit", "widgets"},  # a screen never imports another screen: it opens a route
    "shell": {"kit", "widgets", "screens", "shell"},
    "app": {"kit", "widgets", "screens", "shell", "app"},
}
FLET_ALLOWED = {"ui", "top"}
# adapters that wrap a Flet service (or Flet's web server) may import it; nothing else below the UI
FLET_ADAPTERS = {"companion.adapters.webguard", "companion.adapters.webstart"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(path: Path, name: str) -> set[str]:
    """Every module ``name`` imports, wherever the import statement stands."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def companion_imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in imports_of(path, name) if m in modules and m != name}
    return graph


def layer(name: str) -> str:
    parts = name.split(".")
    if len(parts) > 1 and parts[1] in LOWER:
        return parts[1]
    return "top"


def ui_part(name: str) -> str | None:
    parts = name.split(".")
    if len(parts) < 3 or parts[1] != "ui":
        return None
    return parts[2] if parts[2] in UI_LOWER else "app"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return companion_imports(all_modules())


def package_nodes_removed(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Package ``__init__`` files are empty; an import of ``companion.vault`` is not an edge."""
    packages = {name for name, path in all_modules().items() if path.name == "__init__.py"}
    return {n: {m for m in deps if m not in packages} for n, deps in graph.items() if n not in packages}


def test_no_import_circle(graph: dict[str, set[str]]) -> None:
    cycle = find_cycle(package_nodes_removed(graph))
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_no_import_from_a_lower_layer_to_a_higher_one(graph: dict[str, set[str]]) -> None:
    upward = [
        f"{name} -> {dep}"
        for name, deps in package_nodes_removed(graph).items()
        for dep in deps
        if layer(dep) not in LOWER[layer(name)]
    ]
    assert upward == []


def test_inside_the_ui_kit_widgets_screens_shell_stack_up(graph: dict[str, set[str]]) -> None:
    wrong = []
    for name, deps in package_nodes_removed(graph).items():
        part = ui_part(name)
        if part is None:
            continue
        for dep in deps:
            dep_part = ui_part(dep)
            if dep_part is not None and dep_part not in UI_LOWER[part]:
                wrong.append(f"{name} -> {dep}")
    assert wrong == []


def test_nothing_imports_the_command_line(graph: dict[str, set[str]]) -> None:
    assert [n for n, deps in graph.items() if "companion.cli" in deps and n != "companion.__main__"] == []


def test_flet_only_in_the_ui_and_entry_points() -> None:
    offenders = [
        name
        for name, path in all_modules().items()
        if layer(name) not in FLET_ALLOWED
        and name not in FLET_ADAPTERS
        and any(m.split(".")[0] == "flet" for m in imports_of(path, name))
    ]
    assert offenders == []


def test_the_checker_sees_a_planted_circle_and_an_upward_import() -> None:
    """The rules above can fail: a made-up graph with both faults is caught."""
    planted = {"companion.core.a": {"companion.kinds.b"}, "companion.kinds.b": {"companion.core.a"}}
    assert find_cycle(planted) is not None
    assert layer("companion.kinds.b") not in LOWER[layer("companion.core.a")]


def test_function_local_imports_are_seen(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from companion.ui.app import make_app\n", encoding="utf-8")
    assert "companion.ui.app" in imports_of(source, "companion.core.m")
