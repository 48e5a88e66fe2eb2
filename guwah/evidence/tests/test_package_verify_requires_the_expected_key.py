"""A package proves nothing until its signing key is compared with the one Guwah publishes."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command

from guwah.evidence import log
from guwah.evidence.canonical import tree_head_message
from guwah.evidence.export import export_person_package
from guwah.evidence.package import PUBLIC_KEY, TREE_HEAD, TREE_HEAD_SIGNATURE, verify_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def package(tmp_path: Path, person, owner) -> Path:
    out = tmp_path / "package.zip"
    export_person_package(person, owner, out)
    return out


@pytest.fixture
def forged(package: Path, tmp_path: Path) -> tuple[Path, str]:
    """The same package, its tree head signed again by a key of someone else's."""
    key = Ed25519PrivateKey.generate()
    fingerprint = log.key_id(key.public_key())
    with zipfile.ZipFile(package) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    head = log.latest_tree_head()
    assert head is not None
    message = tree_head_message(head.size, head.root_hash, head.timestamp, fingerprint)
    contents[TREE_HEAD] = message
    contents[TREE_HEAD_SIGNATURE] = key.sign(message)
    contents[PUBLIC_KEY] = log.public_key_pem(key.public_key())
    out = tmp_path / "forged.zip"
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return out, fingerprint


def published_key() -> str:
    return log.key_id(log.signing_key().public_key())


def test_a_package_signed_by_another_key_is_consistent_in_itself(forged) -> None:
    path, _fingerprint = forged
    assert verify_package(path, trust_package_key=True).ok


def test_verify_without_a_key_exits_non_zero_and_prints_the_fingerprint(forged, capsys) -> None:
    path, fingerprint = forged
    with pytest.raises(CommandError):
        call_command("package", "verify", str(path))
    err = capsys.readouterr().err
    assert "THE SIGNING KEY WAS NOT CHECKED" in err
    assert f"    {fingerprint}\n" in err


def test_the_published_key_refuses_a_package_signed_by_another(forged, capsys) -> None:
    path, fingerprint = forged
    with pytest.raises(CommandError):
        call_command("package", "verify", str(path), "--key-id", published_key())
    assert f"signed by an unknown key {fingerprint}" in capsys.readouterr().err


def test_the_published_key_accepts_guwahs_own_package(package: Path, capsys) -> None:
    call_command("package", "verify", str(package), "--key-id", published_key().upper())
    assert capsys.readouterr().out.startswith("OK: ")


def test_even_guwahs_own_package_fails_without_a_key(package: Path) -> None:
    report = verify_package(package)
    assert not report.ok
    assert report.problems == [
        f"{PUBLIC_KEY}: signed by key {published_key()}, which was not checked against the "
        "fingerprint Guwah publishes; compare it, then pass it as the expected key"
    ]


def test_trusting_the_key_is_a_choice_the_command_accepts(package: Path, capsys) -> None:
    call_command("package", "verify", str(package), "--trust-key")
    captured = capsys.readouterr()
    assert captured.out.startswith("OK: ")
    assert "NOT CHECKED" not in captured.err


def test_the_standalone_verifier_also_insists_on_a_key(forged) -> None:
    path, fingerprint = forged

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "guwah.evidence.package", "verify", str(path), *extra],
            capture_output=True,
            text=True,
            env={},
        )

    unpinned = run()
    assert unpinned.returncode == 1
    assert fingerprint in unpinned.stdout and "NOT CHECKED" in unpinned.stdout
    assert run("--key-id", published_key()).returncode == 1
    assert run("--key-id", fingerprint).returncode == 0
    assert run("--trust-key").returncode == 0
