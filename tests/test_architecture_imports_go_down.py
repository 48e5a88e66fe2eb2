"""Dependencies run one way: a floor imports the floors below it, never one above, nor a
neighbour on its own floor.

    floor 4  demo/ and every newer app              what carries the record out (and in)
    floor 3  evidence/  linkage/  positions/        what proves, joins and compares it
    floor 2  registry/                              people, what happened to them, who may see it
    floor 1  names/ conf.py spreadsheets.py text.py keys/  libraries: no Django, no app

Every import counts, wherever it stands: at the top of a module, inside a function or under
``if TYPE_CHECKING``, and ``importlib.import_module("...")`` with a literal name. Templates count
too: an ``{% include %}`` or ``{% extends %}`` of another app's template, or a ``{% load %}`` of
its tags, is an import by another name. A lower floor that must react to something above
offers a hook (a signal, a registry of panels) and stays ignorant of who listens.

The project's glue (settings, URLs, the console command, the WSGI entry, the home page) wires
the floors together and may import anything; no app imports the glue.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

FLOORS = {
    "names": 1,
    "conf": 1,
    "spreadsheets": 1,
    "text": 1,
    "keys": 1,
    "registry": 2,
    "evidence": 3,
    "linkage": 3,
    "positions": 3,
    "demo": 4,
}
NEWEST_FLOOR = 4  # an app not listed above carries the record out: it lives on the top floor

GLUE = {
    "__init__",
    "settings",
    "settings_test",
    "middleware",
    "urls",
    "cli",
    "wsgi",
    "asgi",
    "views",
    "context_processors",
}

# Imports between neighbours on one floor that are really needed, each with its reason, as
# (importing app, imported app). None is needed today: a merge reaches the evidence log
# through the registry's signals (its saves and deletions, and ``persons_merged``), not
# through an import of the log by linkage.
NEIGHBOURS_ALLOWED: dict[tuple[str, str], str] = {}

# Floor 1 is pure Python: these packages are Django or live only inside it.
DJANGO_PACKAGES = {"django", "simple_history", "whitenoise", "csp", "pytest_django"}

TEMPLATE_REFERENCE = re.compile(r"""{%\s*(?:include|extends)\s+["']([\w.-]+)/""")
TEMPLATE_LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


@dataclass(frozen=True)
class Violation:
    where: str
    imported: str
    why: str

    def __str__(self) -> str:
        return f"{self.where} imports {self.imported}: {self.why}"


def app_of(module: str) -> str | None:
    """``guwah.registry.services.persons`` -> ``registry``; None outside the project."""
    parts = module.split(".")
    if parts[0] != "guwah":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def floor_of(app: str) -> int:
    return FLOORS.get(app, NEWEST_FLOOR)


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module ``source`` imports, with its line, relative imports made absolute."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "guwah":
                # ``from guwah import evidence`` names an app, not the package.
                found += [(node.lineno, f"guwah.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, base))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def judge(importer: str, imported: str) -> str | None:
    """Why ``importer`` (an app) may not import the module ``imported``, or None if it may."""
    target = app_of(imported)
    if floor_of(importer) == 1:
        if imported.split(".")[0] in DJANGO_PACKAGES:
            return f"{importer} is a floor-1 library and imports nothing of Django"
        if target is not None and target != importer:
            return f"{importer} is a floor-1 library and imports no app"
        return None
    if target is None or target == importer:
        return None
    if target in GLUE:
        return "an app never imports the project's glue"
    if floor_of(target) > floor_of(importer):
        return f"upward, from floor {floor_of(importer)} to floor {floor_of(target)}"
    if floor_of(target) == floor_of(importer) and (importer, target) not in NEIGHBOURS_ALLOWED:
        return f"sideways, between neighbours on floor {floor_of(target)}"
    return None


def _is_checked(relative: Path) -> bool:
    parts = relative.parts
    return not (
        "migrations" in parts
        or "tests" in parts
        or relative.name == "conftest.py"
        or relative.name.startswith("test_")
    )


def tag_libraries(root: Path) -> dict[str, str]:
    """Each template tag library's name, with the app that offers it."""
    return {
        path.stem: path.parent.parent.name
        for path in (root / "guwah").glob("*/templatetags/*.py")
        if path.stem != "__init__"
    }


def violations(root: Path) -> list[Violation]:
    """Every import, in code or in templates under ``root/guwah``, that breaks the stairs."""
    found: list[Violation] = []
    for path in sorted((root / "guwah").rglob("*.py")):
        relative = path.relative_to(root)
        if not _is_checked(relative):
            continue
        module = module_name(root, path)
        importer = app_of(module)
        if importer is None or importer in GLUE:
            continue
        source = path.read_text(encoding="utf-8")
        for line, imported in imported_modules(source, module, path.name == "__init__.py"):
            why = judge(importer, imported)
            if why:
                found.append(Violation(f"{relative}:{line}", imported, why))
    libraries = tag_libraries(root)
    for path in sorted((root / "guwah").glob("*/templates/**/*.html")):
        relative = path.relative_to(root)
        importer = relative.parts[1]
        text = path.read_text(encoding="utf-8")
        for match in TEMPLATE_REFERENCE.finditer(text):
            other = match.group(1)
            if (root / "guwah" / other).is_dir():
                why = judge(importer, f"guwah.{other}")
                line = text.count("\n", 0, match.start()) + 1
                if why:
                    found.append(Violation(f"{relative}:{line}", f'template "{other}/…"', why))
        for match in TEMPLATE_LOAD.finditer(text):
            for library in match.group(1).split():
                if library in libraries:
                    why = judge(importer, f"guwah.{libraries[library]}")
                    line = text.count("\n", 0, match.start()) + 1
                    if why:
                        found.append(
                            Violation(f"{relative}:{line}", f"template tags {library!r}", why)
                        )
    return found


def test_every_import_in_the_project_goes_down_the_stairs() -> None:
    found = violations(PROJECT)
    assert found == [], "imports against the floors:\n" + "\n".join(map(str, found))


# --------------------------------------------------------------------------------------------
# The checker itself, on a small project made up for the purpose


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for app in ("names", "registry", "evidence", "linkage", "demo"):
        write(tmp_path, f"guwah/{app}/__init__.py", "")
    write(tmp_path, "guwah/__init__.py", "")
    write(tmp_path, "guwah/evidence/log.py", "from guwah.registry.models import Person\n")
    write(tmp_path, "guwah/evidence/templatetags/evidence_tags.py", "")
    return tmp_path


def test_an_upward_import_hidden_in_a_function_is_found(project: Path) -> None:
    write(project, "guwah/registry/x.py", "def f():\n    from guwah.evidence import log\n")

    assert [str(v) for v in violations(project)] == [
        "guwah/registry/x.py:2 imports guwah.evidence: upward, from floor 2 to floor 3"
    ]


def test_a_relative_upward_import_is_found(project: Path) -> None:
    write(project, "guwah/registry/y.py", "from ..demo import bulk\n")

    assert [v.imported for v in violations(project)] == ["guwah.demo"]


def test_an_import_by_name_is_found(project: Path) -> None:
    write(
        project,
        "guwah/registry/z.py",
        "import importlib\nlog = importlib.import_module('guwah.evidence.log')\n",
    )

    assert [v.imported for v in violations(project)] == ["guwah.evidence.log"]


def test_neighbours_on_one_floor_may_not_import_each_other(project: Path) -> None:
    write(project, "guwah/linkage/services.py", "from guwah.evidence import log\n")

    assert [v.why for v in violations(project)] == ["sideways, between neighbours on floor 3"]


def test_the_names_library_imports_neither_django_nor_the_registry(project: Path) -> None:
    write(
        project,
        "guwah/names/match.py",
        "from django.db import models\nimport guwah.registry.models\n",
    )

    assert [v.imported for v in violations(project)] == ["django.db", "guwah.registry.models"]


def test_a_registry_template_may_not_include_an_evidence_template(project: Path) -> None:
    write(
        project,
        "guwah/registry/templates/registry/person_detail.html",
        '{% load evidence_tags %}\n{% include "evidence/person_panel.html" %}\n',
    )

    assert sorted(str(v) for v in violations(project)) == [
        "guwah/registry/templates/registry/person_detail.html:1 imports template tags "
        "'evidence_tags': upward, from floor 2 to floor 3",
        'guwah/registry/templates/registry/person_detail.html:2 imports template "evidence/…": '
        "upward, from floor 2 to floor 3",
    ]


def test_downward_imports_tests_and_migrations_pass(project: Path) -> None:
    write(project, "guwah/demo/bulk.py", "from guwah.evidence import log\nimport django\n")
    write(project, "guwah/registry/tests/test_x.py", "from guwah.evidence import log\n")
    write(project, "guwah/registry/migrations/0001_x.py", "from guwah.demo import bulk\n")
    write(project, "guwah/urls.py", "from guwah.demo import views\n")

    assert violations(project) == []
