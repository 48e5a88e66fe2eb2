"""``guwah log backfill`` logs records that have no entry only when told exactly which, and
marks what it logged: a person planted by SQL must not quietly become a recorded one."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from guwah.evidence import log
from guwah.evidence.models import LogEntry
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def unlogged(person) -> Person:
    """A person inserted without the model's signals, as by SQL or a bulk load."""
    [inserted] = Person.objects.bulk_create([Person(synthetic=True, occupation="unlogged")])
    return inserted


def test_without_confirmation_it_lists_the_records_and_logs_nothing(unlogged, capsys) -> None:
    before = LogEntry.objects.count()
    with pytest.raises(CommandError, match="nothing was logged") as refused:
        call_command("log", "backfill")
    assert f"registry.person: 1 without an entry: {unlogged.pk}" in capsys.readouterr().out
    assert f"--confirm {log.unlogged_records().token}" in str(refused.value)
    assert LogEntry.objects.count() == before


def test_a_confirmation_for_another_set_of_records_is_refused(unlogged, administrator) -> None:
    token = log.unlogged_records().token
    Person.objects.bulk_create([Person(synthetic=True, occupation="planted after the list")])
    before = LogEntry.objects.count()
    with pytest.raises(CommandError, match="does not match the 2 records"):
        call_command("log", "backfill", "--confirm", token, "--as", administrator.username)
    assert LogEntry.objects.count() == before


def test_confirmed_it_logs_exactly_those_records_marked_as_backfilled(
    unlogged, capsys, administrator
) -> None:
    token = log.unlogged_records().token
    call_command("log", "backfill", "--confirm", token, "--as", administrator.username)
    assert "logged 1 records as backfilled" in capsys.readouterr().out
    [entry] = LogEntry.objects.filter(record_type="registry.person", record_id=str(unlogged.pk))
    assert entry.backfilled and entry.action == "create"
    assert not LogEntry.objects.filter(backfilled=True).exclude(pk=entry.pk).exists()

    call_command("log", "verify", "--records")
    assert "(1 entries backfilled)" in capsys.readouterr().out
    call_command("log", "prove", str(entry.index))
    assert json.loads(capsys.readouterr().out)["backfilled"] is True


def test_with_nothing_missing_it_says_so(person, capsys) -> None:
    call_command("log", "backfill")
    assert "nothing to backfill" in capsys.readouterr().out


def test_only_an_administrator_may_confirm_a_backfill(unlogged, colleague) -> None:
    token = log.unlogged_records().token
    before = LogEntry.objects.count()
    with pytest.raises(CommandError, match="not an administrator"):
        call_command("log", "backfill", "--confirm", token, "--as", colleague.username)
    with pytest.raises(CommandError, match="--as"):
        call_command("log", "backfill", "--confirm", token)
    assert LogEntry.objects.count() == before
