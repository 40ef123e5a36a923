"""The package's imports run one way: no module imports (even lazily) one that imports it back.

The graph counts every ``import alignsim...`` and ``from alignsim... import`` in a module,
top-level or inside functions, and resolves ``from package import module``. A package's
``__init__`` is not counted as importing its own submodules' importers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import alignsim

ROOT = Path(alignsim.__file__).parent


def module_name(path: Path) -> str:
    parts = ("alignsim", *path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> nx.DiGraph:
    modules = {module_name(p): p for p in ROOT.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            for target in targets:
                if target in modules and target != name and not name.startswith(target + "."):
                    graph.add_edge(name, target)
    return graph


def test_the_graph_is_read_from_the_real_package():
    graph = import_graph()
    assert graph.has_edge("alignsim.simulation.model", "alignsim.simulation.transition")
    assert graph.has_edge("alignsim.results.run", "alignsim.results.saved")


def test_no_module_imports_one_that_imports_it_back():
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == []


def test_the_package_root_holds_no_flat_modules_but_its_entry_points():
    flat = sorted(p.name for p in ROOT.glob("*.py"))
    assert flat == ["__init__.py", "__main__.py"] or flat == ["__init__.py"]
