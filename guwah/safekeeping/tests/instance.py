"""Running ``guwah`` commands and small scripts against an installation of its own: a data
directory, an SQLite database and the test master key, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
TEST_MASTER_KEY = "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE="

# Creates the synthetic case of conftest.py, with the accounts of the shared story.
MAKE_CASE = """
import django
django.setup()
from django.contrib.auth.models import Group, User
from guwah.registry.roles import Role
from guwah.safekeeping.tests.conftest import make_case

def account(name, role):
    user = User.objects.create_user(username=name, password="synthetic-password-1")
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    return user

owner = account("aynur", Role.FAMILY)
colleague = account("dilnur", Role.DOCUMENTER)
account("kamil", Role.ADMINISTRATOR)
make_case(owner, colleague)
make_case(owner, colleague)
"""

# Prints each person page as the family member who recorded it sees it, with the values a
# page draws fresh for every request (the CSRF token, the CSP nonce) left out.
RENDER_PAGES = """
import datetime, json, re
import django
django.setup()
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from guwah.registry.models import Person

def this_reading(match):
    # A view recorded by this very reading (the chain of custody notes each view) is dated now.
    when = datetime.datetime.fromisoformat(match.group(1))
    return '<time>(this reading)</time>' if when >= started else match.group(0)

started = timezone.now()
client = Client()
client.force_login(User.objects.get(username="aynur"))
pages = {}
for pk in Person.objects.order_by("pk").values_list("pk", flat=True):
    response = client.get(reverse("registry:person_detail", args=[pk]))
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    html = re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]*"', r"\\1-", html)
    html = re.sub(r'nonce="[^"]*"', 'nonce=""', html)
    html = re.sub(r'<time datetime="([^"]+)">[^<]*</time>', this_reading, html)
    pages[pk] = html
print(json.dumps(pages))
"""


def environment(data_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GUWAH_") and key != "DATABASE_URL"
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "guwah.settings_test",
        "GUWAH_DATA_DIR": str(data_dir),
        "GUWAH_MASTER_KEY": TEST_MASTER_KEY,
        "GUWAH_ALLOW_INSECURE_KEY": "true",
        "PYTHONPATH": str(PROJECT),
    }
    return env


def guwah(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        env=environment(data_dir),
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"guwah {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def script(data_dir: Path, source: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", source],
        env=environment(data_dir),
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise AssertionError(f"script failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout
