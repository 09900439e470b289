"""The rooms of ``lib/postlab`` import one way only: a module never imports a room to its right.

docs/architecture.md shows the same order. A new top-level module
must be given a room here, so the order stays deliberate.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "postlab"

# left to right: each room may import the rooms on its left and itself
ROOMS = [
    (
        "foundation",
        {
            "__init__",
            "exceptions",
            "config",
            "project",
            "files",
            "display",
            "fingerprint",
            "markup",
            "words",
        },
    ),
    ("privacy", {"privacy"}),
    ("posts", {"posts"}),
    ("exports", {"loaders"}),
    ("stats", {"stats"}),
    ("experiment", {"experiment"}),
    ("analysis", {"analysis", "payload", "plots", "explore", "labelling", "htmlexport"}),
    ("record", {"record"}),
    ("run", {"run", "browser"}),
    ("interface", {"cli", "commands", "app", "__main__"}),
]
RANK = {name: rank for rank, (_, names) in enumerate(ROOMS) for name in names}


def room_of(top: str) -> int:
    assert top in RANK, f"postlab.{top} has no room in tests/test_architecture.py ROOMS"
    return RANK[top]


def imported(tree: ast.AST) -> list[str]:
    """Top-level postlab names a module imports, anywhere in it (lazy imports included)."""
    tops = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "postlab" else []
            if node.module == "postlab":
                names = [f"postlab.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "postlab":
                top = parts[1] if len(parts) > 1 else "__init__"
                tops.append("__init__" if top == "__version__" else top)
    return tops


def test_no_module_imports_a_room_to_its_right():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        own = room_of(relative.parts[0].removesuffix(".py"))
        for top in imported(ast.parse(path.read_text(encoding="utf-8"))):
            if room_of(top) > own:
                wrong.append(f"{relative} imports postlab.{top} ({ROOMS[room_of(top)][0]})")
    assert wrong == []


def test_no_module_imports_a_private_name_of_another_room():
    """A room's private helpers (``_name``) are its own: another room uses its public API."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        own = relative.parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module and node.level == 0):
                continue
            parts = node.module.split(".")
            if parts[0] != "postlab" or len(parts) < 2 or parts[1] == own:
                continue
            private = [a.name for a in node.names if a.name.startswith("_")]
            wrong += [f"{relative} imports {node.module}.{name}" for name in private]
    assert wrong == []
