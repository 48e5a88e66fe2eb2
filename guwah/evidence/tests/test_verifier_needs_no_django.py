"""The offline verifier and the Merkle code run without Django, as an investigator runs them."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import guwah.evidence.canonical, guwah.evidence.merkle, guwah.evidence.package
loaded = sorted(name for name in sys.modules if name.split(".")[0] == "django")
print(loaded)
"""


def test_the_package_verifier_imports_no_django() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, env={}
    )
    assert done.stdout.strip() == "[]"


def test_the_verifier_runs_as_a_module_and_refuses_what_is_not_a_package(tmp_path) -> None:
    bogus = tmp_path / "not-a-package.zip"
    bogus.write_bytes(b"plain text, not a zip")
    done = subprocess.run(
        [sys.executable, "-m", "guwah.evidence.package", "verify", str(bogus)],
        capture_output=True,
        text=True,
        env={},
    )
    assert done.returncode == 1
    assert done.stdout.startswith("REFUSED: not a readable zip file")
