"""An import process killed half-way leaves nothing half-written: running it again completes
the import, with no person twice."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[3]
ROWS = 5_000

pytestmark = pytest.mark.slow


def guwah(data_dir: Path, *args: str, **kwargs) -> subprocess.Popen:
    env = {
        **os.environ,
        "GUWAH_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "guwah.settings",
    }
    env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def run(data_dir: Path, *args: str) -> str:
    process = guwah(data_dir, *args)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out


def test_an_import_killed_half_way_completes_on_the_second_run(tmp_path):
    data_dir = tmp_path / "data"
    run(data_dir, "migrate", "--verbosity", "0")
    run(
        data_dir,
        "shell",
        "--no-imports",
        "-c",
        (
            "from django.contrib.auth.models import Group, User;"
            "u = User.objects.create_user('dilnur');"
            "u.groups.add(Group.objects.get_or_create(name='documenter')[0])"
        ),
    )
    rows = ["id,name,birth_date,synthetic"]
    # A different birth day for each, so that no two rows look like one person.
    first_day = dt.date(1940, 1, 1)
    rows += [
        f"K-{i},Synthetic Person {i},{first_day + dt.timedelta(days=i)},yes" for i in range(ROWS)
    ]
    listing = tmp_path / "list.csv"
    listing.write_text("\n".join(rows) + "\n", encoding="utf-8")

    process = guwah(data_dir, "import", str(listing), "--as", "dilnur")
    assert process.stderr is not None
    line = process.stderr.readline()
    # The first batch is written; the transaction is not yet committed.
    assert line.startswith("imported 2000 of 5000"), line + process.stderr.read()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    count = "from guwah.registry.models import Person; print(Person.objects.count())"
    assert run(data_dir, "shell", "--no-imports", "-c", count).strip() == "0"
    run(data_dir, "import", str(listing), "--as", "dilnur")
    assert run(data_dir, "shell", "--no-imports", "-c", count).strip() == str(ROWS)
    run(data_dir, "import", str(listing), "--as", "dilnur")
    assert run(data_dir, "shell", "--no-imports", "-c", count).strip() == str(ROWS)
