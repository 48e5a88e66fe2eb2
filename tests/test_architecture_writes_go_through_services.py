"""The watch that fails a test run when a registry record is written outside the services.

The watch itself runs over every test session (``tests/write_path.py``); these tests give it
made-up writers, from files it believes to be the project's, and read what it recorded.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group

from guwah.registry import services
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db

watch = sys.modules["guwah_write_path"]


def made_up(relative: str, source: str) -> Callable[..., Any]:
    """The function ``write`` of ``source``, as if it stood in the project's file ``relative``."""
    namespace: dict[str, Any] = {}
    exec(compile(source, str(watch.PROJECT / relative), "exec"), namespace)  # noqa: S102  (the test's own source)
    return namespace["write"]


def test_a_registry_write_from_another_app_is_recorded_with_its_place(
    request: pytest.FixtureRequest,
) -> None:
    write = made_up(
        "guwah/evidence/made_up_store.py",
        "def write(Person):\n    Person.objects.filter(pk=-1).update(notes='')\n",
    )

    with watch.watching_apart() as recorded:
        write(Person)

    assert recorded == {
        "guwah/evidence/made_up_store.py:2 in write": {"update of Person": request.node.nodeid}
    }


def test_saving_a_record_from_a_view_is_recorded(owner: Any) -> None:
    write = made_up(
        "guwah/registry/made_up_views.py",
        "def write(Person, owner):\n"
        "    person = Person(created_by=owner)\n"
        "    person.save()\n"
        "    person.delete()\n",
    )

    with watch.watching_apart() as recorded:
        write(Person, owner)

    assert set(recorded["guwah/registry/made_up_views.py:3 in write"]) == {"Person.save"}
    assert set(recorded["guwah/registry/made_up_views.py:4 in write"]) == {"Person.delete"}


def test_writes_through_the_services_are_not_recorded(owner: Any) -> None:
    with watch.watching_apart() as recorded:
        person = services.create_person(owner, names=[{"text": "Alim", "script": "ug-Latn"}])
        services.add_name(owner, person, text="ئالىم", script="ug-Arab")

    assert recorded == {}


def test_a_view_calling_a_service_is_not_recorded(owner: Any) -> None:
    write = made_up(
        "guwah/registry/made_up_views.py",
        "def write(services, owner):\n"
        "    services.create_person(owner, names=[{'text': 'Alim', 'script': 'ug-Latn'}])\n",
    )

    with watch.watching_apart() as recorded:
        write(services, owner)

    assert recorded == {}


def test_the_documented_bulk_loaders_and_other_apps_own_models_are_not_recorded() -> None:
    bulk = made_up(
        "guwah/demo/bulk.py",
        "def write(Person):\n    Person.objects.filter(pk=-1).update(notes='')\n",
    )
    groups = made_up(
        "guwah/evidence/made_up_store.py",
        "def write(Group):\n    Group.objects.filter(pk=-1).delete()\n",
    )

    with watch.watching_apart() as recorded:
        bulk(Person)
        groups(Group)

    assert recorded == {}


def test_tests_write_what_they_need_without_being_recorded(owner: Any) -> None:
    with watch.watching_apart() as recorded:
        Person.objects.create(created_by=owner)

    assert recorded == {}
