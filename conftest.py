"""One shared story of users, so every test tries the same permission edges.

Aynur is a family member abroad who records her own relatives (the ``owner``). Dilnur is a
documenter at the organisation (the ``colleague``), Rahile reviews and publishes (the
``reviewer``), and Kamil administers the installation (the ``administrator``). Murat is a
family member of another family (the ``outsider``): he must never see Aynur's records.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connections
from django.utils import translation

from guwah.registry.roles import Role

PASSWORD = "correct horse battery staple"


def pytest_configure(config: pytest.Config) -> None:
    # Every run watches where registry records are written from (tests/write_path.py). It is
    # loaded by its path: a package named ``tests`` installed by a dependency would shadow ours.
    spec = importlib.util.spec_from_file_location(
        "guwah_write_path", Path(__file__).parent / "tests" / "write_path.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    config.pluginmanager.register(module, "guwah-write-path")


def _user(django_user_model, username: str, role: Role | None, **extra):
    user = django_user_model.objects.create_user(username=username, password=PASSWORD, **extra)
    if role is not None:
        group, _ = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)
    return user


@pytest.fixture
def owner(django_user_model):
    return _user(django_user_model, "aynur", Role.FAMILY)


@pytest.fixture
def outsider(django_user_model):
    return _user(django_user_model, "murat", Role.FAMILY)


@pytest.fixture
def colleague(django_user_model):
    return _user(django_user_model, "dilnur", Role.DOCUMENTER)


@pytest.fixture
def reviewer(django_user_model):
    return _user(django_user_model, "rahile", Role.REVIEWER)


@pytest.fixture
def administrator(django_user_model):
    return _user(django_user_model, "kamil", Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language() -> Iterator[None]:
    """A test that reads pages in Uyghur leaves its language active in the thread; commands
    run by the next test would then answer in Uyghur."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, settings) -> None:
    """Uploads and signing keys of one test never leak into another's, or into ./data."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GUWAH_LOG_KEY_PATH = tmp_path / "keys" / "log-ed25519.pem"
    settings.GUWAH_KEYRING_PATH = tmp_path / "keys" / "keyring.json"
    settings.GUWAH_LOG_HEADS_DIR = tmp_path / "heads"
    settings.GUWAH_LOG_PUBLISH_DIR = None


@pytest.fixture
def shared_data() -> Path:
    """The read-only shared reference files; tests that need them skip, saying why, without them."""
    path = Path(settings.GUWAH_SHARED_DATA_DIR)
    if not path.is_dir():
        pytest.skip(f"shared reference data not found at {path}")
    return path


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("Debian's chromium is not installed (run `make system-deps`)")
    return path


@pytest.fixture
def page(live_server, chromium_path: str, tmp_path: Path) -> Iterator[object]:
    """A Playwright page in headless Debian Chromium, pointed at the live test server."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls a test makes
    # around it are still synchronous, so Django's guard against async misuse is lifted here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
            # Inside Playwright's greenlet the test ran with database connections of its own
            # context; close them here, or PostgreSQL refuses to drop the test database at the
            # end of the run because they are still open.
            connections.close_all()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def artifacts_dir() -> Path:
    """Screenshots kept as test artefacts."""
    path = Path(settings.PROJECT_DIR) / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
