"""An installation whose keys of names were the names engine's keeps them on migrating.

The engine's table (``names_namekey``) becomes the registry's; a new installation gets the
table created; keys written by an older engine are recomputed so that search finds the name.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from guwah.registry import services
from guwah.registry.models import Name, NameKey, Person
from guwah.registry.names_index import search_persons, stored_keys

pytestmark = pytest.mark.django_db(transaction=True)

migration = importlib.import_module("guwah.registry.migrations.0003_name_keys_in_the_registry")
OLD_TABLE = migration.OLD_TABLE
NEW_TABLE = NameKey._meta.db_table
ENGINE_MIGRATIONS = ["0001_initial", "0002_key_with_name", "0003_pair_keys", "0004_chinese_codas"]


def _tables() -> list[str]:
    return connection.introspection.table_names()


def _as_the_engine_left_it(up_to: str) -> None:
    """The keys in the engine's table, its migrations recorded as applied up to ``up_to``."""
    with connection.schema_editor() as editor:
        editor.alter_db_table(NameKey, NEW_TABLE, OLD_TABLE)
    recorder = MigrationRecorder(connection)
    for name in ENGINE_MIGRATIONS[: ENGINE_MIGRATIONS.index(up_to) + 1]:
        recorder.record_applied("names", name)


def _take_over() -> None:
    with connection.schema_editor() as editor:
        migration.take_over_name_keys(apps, editor)


@pytest.fixture(autouse=True)
def _registry_table_restored() -> Iterator[None]:
    """Whatever a test leaves, the next one finds the table and the records of a new database."""
    yield
    MigrationRecorder(connection).migration_qs.filter(app="names").delete()
    tables = _tables()
    if NEW_TABLE not in tables:
        with connection.schema_editor() as editor:
            if OLD_TABLE in tables:
                editor.alter_db_table(NameKey, OLD_TABLE, NEW_TABLE)
            else:
                editor.create_model(NameKey)


@pytest.fixture
def memtimin(owner: User) -> Person:
    return services.create_person(
        owner, names=[{"text": "مەمتىمىن ھوشۇر", "script": "ug-Arab"}], sex="m"
    )


def test_migrating_an_installation_keeps_the_engines_rows(memtimin: Person) -> None:
    name = memtimin.names.get()
    _as_the_engine_left_it(up_to="0004_chinese_codas")
    with connection.cursor() as cursor:
        # A row no engine would compute: found after migrating, it was kept, not rewritten.
        cursor.execute(
            f"INSERT INTO {OLD_TABLE} (name_id, part, {connection.ops.quote_name('key')}) "
            "VALUES (%s, %s, %s)",
            [name.pk, -9, "kept"],
        )

    _take_over()

    assert OLD_TABLE not in _tables()
    assert dict(NameKey.objects.filter(name=name).values_list("part", "key")) == {
        **stored_keys(name.text),
        -9: "kept",
    }
    assert list(search_persons(Person.objects.all(), "买买提明·吾守尔")) == [memtimin]


def test_the_migration_renames_the_table_both_ways(memtimin: Person) -> None:
    """The migration itself, run by Django backwards to the engine's table and forwards again."""
    name = memtimin.names.get()
    recorder = MigrationRecorder(connection)
    for engine_migration in ENGINE_MIGRATIONS:
        recorder.record_applied("names", engine_migration)
    before = ("registry", "0002_role_groups")
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()

    executor.migrate([before])
    assert OLD_TABLE in _tables() and NEW_TABLE not in _tables()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {OLD_TABLE} WHERE name_id = %s", [name.pk])
        assert cursor.fetchone()[0] == 3

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)
    assert OLD_TABLE not in _tables()
    assert NameKey.objects.filter(name=name).count() == 3


def test_a_new_installation_gets_the_table_created() -> None:
    with connection.schema_editor() as editor:
        editor.delete_model(NameKey)

    _take_over()

    assert NEW_TABLE in _tables() and OLD_TABLE not in _tables()
    assert not NameKey.objects.exists()


def test_keys_written_before_the_present_engine_are_recomputed(owner: User) -> None:
    person = services.create_person(
        owner, names=[{"text": "Ablikim Memet Qari", "script": "ug-Latn"}], sex="m"
    )
    name = person.names.get()
    # As an engine before pair keys left it: other keys, no pairs, another ULY form.
    NameKey.objects.filter(name=name).delete()
    NameKey.objects.create(name=name, part=0, key="old")
    Name.objects.filter(pk=name.pk).update(uly="old", match_key="old")
    assert not search_persons(Person.objects.all(), "Qari Ablikim").exists()
    _as_the_engine_left_it(up_to="0002_key_with_name")

    _take_over()

    name.refresh_from_db()
    assert name.uly == "Ablikim Memet Qari"
    assert dict(NameKey.objects.filter(name=name).values_list("part", "key")) == stored_keys(
        name.text
    )
    assert list(search_persons(Person.objects.all(), "Qari Ablikim")) == [person]


def test_a_table_of_an_older_layout_is_replaced_and_refilled(memtimin: Person) -> None:
    NameKey.objects.create(name=memtimin.names.get(), part=-9, key="stale")
    _as_the_engine_left_it(up_to="0001_initial")

    _take_over()

    assert OLD_TABLE not in _tables()
    name = memtimin.names.get()
    assert dict(NameKey.objects.filter(name=name).values_list("part", "key")) == stored_keys(
        name.text
    )
