"""The names engine is a library: it imports nothing of Django or of the apps built on it.

Whatever stores or shows names (the registry, linkage, the pages) imports the engine, never the
reverse, so the engine can be used, tested and measured on strings alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

import guwah.names

ENGINE = Path(guwah.names.__file__).parent


def _modules() -> list[Path]:
    return sorted(path for path in ENGINE.rglob("*.py") if "tests" not in path.parts)


def _imported(path: Path) -> list[str]:
    """Every module ``path`` imports, at the top or inside a function, by its full name."""
    imported = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # ``from guwah import names`` imports guwah.names; ``from guwah.names import x``
            # imports from guwah.names.
            if node.module == "guwah":
                imported += [f"guwah.{alias.name}" for alias in node.names]
            else:
                imported.append(node.module)
    return imported


def _is_allowed(module: str) -> bool:
    top = module.split(".")[0]
    if top == "django":
        return False
    if top == "guwah":
        return module == "guwah.names" or module.startswith("guwah.names.")
    return True


def test_the_engine_has_modules_to_read() -> None:
    assert ENGINE / "match.py" in _modules()


def test_no_module_of_the_engine_imports_django_or_an_app() -> None:
    offending = {
        f"{path.relative_to(ENGINE)}: {module}"
        for path in _modules()
        for module in _imported(path)
        if not _is_allowed(module)
    }
    assert not offending


def test_the_rule_recognises_an_import_of_django_or_of_an_app() -> None:
    assert not _is_allowed("django.db.models")
    assert not _is_allowed("guwah.registry.models")
    assert not _is_allowed("guwah.conf")
    assert _is_allowed("guwah.names.match")
    assert _is_allowed("rapidfuzz.distance")


def test_the_engine_is_no_django_app() -> None:
    leftovers = ["apps.py", "models.py", "urls.py", "migrations", "management", "templatetags"]
    assert not [name for name in leftovers if (ENGINE / name).exists()]
