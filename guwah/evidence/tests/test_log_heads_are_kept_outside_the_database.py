"""Signed tree heads are also written to files outside the database, and ``guwah log verify``
checks a consistency proof from every one of them to the log as it is now: a database writer
who truncates or rewrites the log, and deletes the heads that would show it, is still found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from guwah.evidence import log, merkle
from guwah.evidence.canonical import leaf_data
from guwah.evidence.models import LogEntry, LogNode, LogState, TreeHead

pytestmark = pytest.mark.django_db


@pytest.fixture
def heads_file(settings) -> Path:
    return Path(settings.GUWAH_LOG_HEADS_DIR) / "tree-heads.jsonl"


@pytest.fixture
def history(person, django_capture_on_commit_callbacks) -> int:
    """Five committed changes, each followed by its signed head; the log's size."""
    for occupation in ("farmer", "teacher", "driver", "imam", "student"):
        with django_capture_on_commit_callbacks(execute=True):
            person.occupation = occupation
            person.save()
            log.sign_tree_head()
    return LogEntry.objects.count()


def verify(capsys, *args: str) -> str:
    with pytest.raises(CommandError):
        call_command("log", "verify", *args)
    return capsys.readouterr().err


def rebuild_log_from_entries() -> None:
    """What a database writer without the key can do: make the stored subtree hashes and the
    log's counter and right edge agree with whatever entries are left."""
    leaves = LogEntry.objects.order_by("index").values_list("leaf_hash", flat=True)
    tree = merkle.MerkleTree(b"".join(bytes.fromhex(h) for h in leaves))
    LogNode.objects.all().delete()
    LogNode.objects.bulk_create(
        LogNode(level=level, position=position, hash=tree.node(level, position).hex())
        for level in range(1, len(tree.levels))
        for position in range(tree.size >> level)
    )
    frontier = "".join(tree.node(*node).hex() for node in merkle.complete_nodes(0, tree.size))
    LogState.objects.filter(pk=1).update(size=tree.size, frontier=frontier)


def test_each_committed_head_is_appended_to_the_heads_file(history, heads_file) -> None:
    lines = [json.loads(line) for line in heads_file.read_text().splitlines()]
    heads = list(TreeHead.objects.order_by("id"))
    assert [line["size"] for line in lines] == [head.size for head in heads]
    assert lines[-1] == log.tree_head_fields(heads[-1])


def test_a_head_is_written_to_the_publication_directory_too(
    person, settings, tmp_path, django_capture_on_commit_callbacks
) -> None:
    settings.GUWAH_LOG_PUBLISH_DIR = tmp_path / "published"
    with django_capture_on_commit_callbacks(execute=True):
        head = log.sign_tree_head()
    published = (tmp_path / "published" / "tree-heads.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in published] == [log.tree_head_fields(head)]


def test_a_head_whose_transaction_rolls_back_is_not_written_out(
    person, heads_file, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            log.sign_tree_head()
            raise RuntimeError("the change failed")
    assert not heads_file.exists()


def test_truncating_the_log_and_its_heads_is_found_from_the_heads_file(history, capsys) -> None:
    keep = history - 3
    LogEntry.objects.filter(index__gte=keep).delete()
    TreeHead.objects.filter(size__gt=keep).delete()
    rebuild_log_from_entries()

    err = verify(capsys)

    assert f"the log now holds only {keep} entries" in err
    assert "no longer in the database" in err


def test_rewriting_an_old_entry_and_every_hash_after_it_is_found_as_a_fork(history, capsys) -> None:
    entry = LogEntry.objects.get(index=1)
    entry.record_sha256 = "0" * 64
    entry.leaf_hash = merkle.leaf_hash(
        leaf_data(1, entry.record_type, entry.record_id, entry.action, entry.record_sha256,
                  entry.actor_id, entry.time)
    ).hex()  # fmt: skip
    entry.save()
    TreeHead.objects.all().delete()
    rebuild_log_from_entries()

    err = verify(capsys)

    assert "the entries no longer give its root hash; the change lies in entries 0–" in err


def test_a_head_in_the_file_that_the_log_still_extends_verifies(history, capsys) -> None:
    call_command("log", "verify")
    heads = TreeHead.objects.count()
    assert f"OK: {history} entries, {heads} signed tree heads" in capsys.readouterr().out


def test_a_line_that_is_not_a_tree_head_is_reported(history, heads_file, capsys) -> None:
    with heads_file.open("a") as handle:
        handle.write('{"size": 3}\n')
    assert "not a tree head" in verify(capsys)


def test_entries_no_head_covers_yet_are_flagged(history, person, capsys) -> None:
    person.occupation = "tailor"
    person.save()  # In the test's transaction: its head is never signed.

    call_command("log", "verify")

    assert f"entry {history} is not yet covered by a signed tree head" in (capsys.readouterr().err)


def test_a_witness_copy_finds_a_truncation_after_the_servers_own_files_were_rewritten(
    history, heads_file, tmp_path, capsys
) -> None:
    witness = tmp_path / "witness.jsonl"
    witness.write_bytes(heads_file.read_bytes())
    keep = history - 2
    LogEntry.objects.filter(index__gte=keep).delete()
    TreeHead.objects.filter(size__gt=keep).delete()
    rebuild_log_from_entries()
    kept = [
        line for line in heads_file.read_text().splitlines() if json.loads(line)["size"] <= keep
    ]
    heads_file.write_text("".join(line + "\n" for line in kept))
    call_command("log", "verify")  # The server's own copies agree with each other now.

    err = verify(capsys, "--heads", str(witness))

    assert f"the log now holds only {keep} entries" in err


def test_since_proves_that_the_latest_head_extends_a_published_one(
    history, heads_file, capsys
) -> None:
    published = json.loads(heads_file.read_text().splitlines()[1])

    call_command("log", "since", str(published["size"]))

    proof = json.loads(capsys.readouterr().out)
    assert proof["new"] == log.tree_head_fields(TreeHead.objects.latest())
    merkle.verify_consistency(
        published["size"],
        proof["new"]["size"],
        bytes.fromhex(published["root_hash"]),
        bytes.fromhex(proof["new"]["root_hash"]),
        [bytes.fromhex(node) for node in proof["consistency_path"]],
    )
