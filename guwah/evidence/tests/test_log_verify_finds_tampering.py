"""``guwah log verify`` passes on an untouched log and says where a tampered one was changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.db import connection

from guwah.evidence import log
from guwah.evidence.models import LogEntry, TreeHead
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_log(person) -> int:
    for occupation in ("farmer", "teacher", "driver", "imam", "student"):
        person.occupation = occupation
        person.save()
    log.sign_tree_head()
    return LogEntry.objects.count()


def verify(capsys, *args: str) -> str:
    with pytest.raises(CommandError):
        call_command("log", "verify", *args)
    return capsys.readouterr().err


def test_an_untouched_log_verifies(signed_log, capsys) -> None:
    call_command("log", "verify", "--records")
    assert f"OK: {signed_log} entries, 1 signed tree heads" in capsys.readouterr().out


def test_a_deleted_row_is_named(signed_log, capsys) -> None:
    LogEntry.objects.filter(index=4).delete()
    err = verify(capsys)
    assert "entry 4 missing" in err
    assert f"the log now holds only {signed_log - 1} entries" in err


def test_reordered_rows_are_named(signed_log, capsys) -> None:
    table = connection.ops.quote_name(LogEntry._meta.db_table)
    index = connection.ops.quote_name("index")
    # Swap the positions of entries 3 and 5, as someone rewriting history in SQL would.
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {index} = -1 WHERE {index} = 3")
        cursor.execute(f"UPDATE {table} SET {index} = 3 WHERE {index} = 5")
        cursor.execute(f"UPDATE {table} SET {index} = 5 WHERE {index} = -1")
    err = verify(capsys)
    assert "entry 3: its fields do not match its leaf hash" in err
    assert "entry 5: its fields do not match its leaf hash" in err


def test_an_altered_row_with_a_recomputed_leaf_hash_is_still_found(signed_log, capsys) -> None:
    from guwah.evidence import merkle
    from guwah.evidence.canonical import leaf_data

    entry = LogEntry.objects.get(index=2)
    entry.record_sha256 = "f" * 64
    entry.leaf_hash = merkle.leaf_hash(
        leaf_data(2, entry.record_type, entry.record_id, entry.action, entry.record_sha256,
                  entry.actor_id, entry.time)
    ).hex()  # fmt: skip
    entry.save()
    err = verify(capsys)
    assert "entries 2–3: the subtree hash stored when they were appended" in err
    assert "no longer give its root hash" in err


def test_a_record_changed_behind_the_logs_back_is_named(signed_log, person, capsys) -> None:
    Person.objects.filter(pk=person.pk).update(occupation="changed in SQL")
    err = verify(capsys, "--records")
    assert f"registry.person {person.pk}: differs from its latest log entry" in err


def test_a_tree_head_signed_by_an_unknown_key_is_refused(signed_log, capsys, settings) -> None:
    from cryptography.hazmat.primitives import serialization

    Path(settings.GUWAH_LOG_KEY_PATH).write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    err = verify(capsys)
    assert "signed by an unknown key" in err


def test_a_forged_signature_is_refused(signed_log, capsys) -> None:
    head = TreeHead.objects.get()
    head.signature = ("0" if head.signature[0] != "0" else "1") + head.signature[1:]
    head.save()
    assert "the signature is not valid" in verify(capsys)


def test_prove_prints_a_proof_that_verifies(signed_log, capsys) -> None:
    import json

    from guwah.evidence import merkle
    from guwah.evidence.canonical import entry_leaf_data

    call_command("log", "prove", "3")
    proof = json.loads(capsys.readouterr().out)
    merkle.verify_inclusion(
        merkle.leaf_hash(entry_leaf_data(proof["entry"])),
        3,
        proof["tree_size"],
        [bytes.fromhex(h) for h in proof["inclusion_path"]],
        bytes.fromhex(proof["root_hash"]),
    )


def test_prove_refuses_an_entry_that_does_not_exist(signed_log) -> None:
    with pytest.raises(CommandError, match="there is no entry 999"):
        call_command("log", "prove", "999")


def test_consistency_prints_a_proof_that_the_later_head_extends_the_earlier(
    signed_log, person, capsys
) -> None:
    import json

    from guwah.evidence import merkle

    first = TreeHead.objects.get()
    person.occupation = "shopkeeper"
    person.save()
    second = log.sign_tree_head()
    call_command("log", "consistency", str(first.pk), str(second.pk))
    proof = json.loads(capsys.readouterr().out)
    merkle.verify_consistency(
        first.size,
        second.size,
        bytes.fromhex(first.root_hash),
        bytes.fromhex(second.root_hash),
        [bytes.fromhex(h) for h in proof["consistency_path"]],
    )
