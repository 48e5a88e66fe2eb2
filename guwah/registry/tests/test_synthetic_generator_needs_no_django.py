"""The synthetic generator is pure Python: importing it and generating families loads nothing
of Django, so a benchmark or another tool can use it without a project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import sys
from guwah.registry.synthetic import PlaceRef, SyntheticRegistry
families = list(SyntheticRegistry([PlaceRef(1, "Invented County", 39.5, 76.0)]).families(25))
assert sum(len(family.persons) for family in families) == 25
print(sorted(name for name in sys.modules if name.split(".")[0] == "django"))
"""


def test_generating_families_imports_nothing_of_django() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "PYTHONPATH": str(ROOT)},
    )

    assert result.stdout.strip() == "[]"
