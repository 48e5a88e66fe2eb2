"""An exported package verifies offline, and any flipped byte is found and named."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from guwah.evidence import log, store
from guwah.evidence.export import export_person_package
from guwah.evidence.models import CustodyEvent
from guwah.evidence.package import PackageRefused, PackageReport, verify_package
from guwah.registry import models as registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def package(tmp_path: Path, person, evidence_item, colleague) -> Path:
    store.ingest_upload(
        evidence_item, SimpleUploadedFile("notice.txt", b"Notice (synthetic)\n" * 50), colleague
    )
    testimony = registry.Testimony.objects.create(
        witness_name="A neighbour (synthetic)", text="He was taken in 2017.", synthetic=True,
        created_by=colleague, consent_share_un=True, consent_name_witness=False,
    )  # fmt: skip
    testimony.persons.add(person)
    person.consent_share_un = True
    person.save()
    out = tmp_path / "out" / "package.zip"
    export_person_package(person, colleague, out)
    return out


def published_key() -> str:
    return log.key_id(log.signing_key().public_key())


def verify(path: Path) -> PackageReport:
    """Verify as an investigator who holds the fingerprint Guwah publishes."""
    return verify_package(path, expected_key_id=published_key())


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rewrite(path: Path, changed: dict[str, bytes], target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in changed.items():
            archive.writestr(name, data)
    return target


def flip(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]


def test_an_exported_package_verifies_offline(package: Path) -> None:
    report = verify(package)
    assert report.ok, report.problems
    names = set(members(package))
    assert {"manifest.json", "custody.json", "log/tree_head.sig", "log/public_key.pem"} <= names
    assert any(name.startswith("files/") for name in names)
    assert any(name.startswith("records/registry.testimony/") for name in names)


def test_the_package_holds_the_custody_trail_and_hides_an_unconsenting_witness(package) -> None:
    contents = members(package)
    custody = json.loads(contents["custody.json"])
    assert [event["action"] for event in custody] == ["uploaded", "exported"]
    [testimony] = [v for k, v in contents.items() if k.startswith("records/registry.testimony/")]
    assert b"A neighbour" not in testimony
    assert CustodyEvent.objects.filter(action="exported").count() == 1


def test_package_verify_command_says_ok(package: Path, capsys) -> None:
    call_command("package", "verify", str(package), "--key-id", published_key())
    assert capsys.readouterr().out.startswith("OK: ")


def test_flipping_one_byte_in_any_member_fails_and_names_it(package: Path, tmp_path: Path) -> None:
    original = members(package)
    for name, data in original.items():
        for position in (len(data) // 2, len(data) - 2):
            tampered = rewrite(
                package, {**original, name: flip(data, position)}, tmp_path / "tampered.zip"
            )
            report = verify(tampered)
            assert not report.ok, f"a flipped byte at {position} of {name} went unnoticed"
            assert any(name in problem for problem in report.problems), (name, report.problems)


def test_a_changed_manifest_field_fails_and_names_the_manifest(package, tmp_path) -> None:
    original = members(package)
    manifest = original["manifest.json"].replace(b'"exported_by":', b'"exported_by":1', 1)
    report = verify(rewrite(package, {**original, "manifest.json": manifest}, tmp_path / "t.zip"))
    assert any(problem.startswith("manifest.json:") for problem in report.problems)


def test_a_changed_proof_step_fails_and_names_the_entry(package, tmp_path) -> None:
    original = members(package)
    proofs = json.loads(original["log/proofs.json"])
    step = proofs[0]["inclusion_path"][0]
    proofs[0]["inclusion_path"][0] = ("1" if step[0] == "0" else "0") + step[1:]
    changed = {**original, "log/proofs.json": json.dumps(proofs).encode()}
    report = verify(rewrite(package, changed, tmp_path / "t.zip"))
    index = proofs[0]["entry"]["index"]
    assert any(problem.startswith(f"log entry {index}") for problem in report.problems)


def test_an_extra_file_slipped_into_the_package_is_named(package, tmp_path) -> None:
    changed = {**members(package), "files/extra": b"planted"}
    report = verify(rewrite(package, changed, tmp_path / "t.zip"))
    assert "files/extra: not listed in the manifest" in report.problems


def test_a_package_signed_by_an_unknown_key_is_refused_when_the_key_is_pinned(package) -> None:
    report = verify_package(package, expected_key_id="ab" * 32)
    assert any("unknown key" in problem for problem in report.problems)


def test_it_refuses_a_zip_bomb_without_unpacking_it(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("files/" + "0" * 64, "w") as handle:
            for _ in range(16):
                handle.write(bytes(1024 * 1024))
    with pytest.raises(PackageRefused, match="zip bomb"):
        verify_package(bomb)


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/cron.d/evil", "files/../../x", "a\\b"])
def test_it_refuses_path_traversal_names_and_writes_nothing(tmp_path: Path, name: str) -> None:
    hostile = tmp_path / "work" / "hostile.zip"
    hostile.parent.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(name), b"payload")
    hostile.write_bytes(buffer.getvalue())
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(PackageRefused, match="unsafe"):
        verify_package(hostile)
    with pytest.raises(CommandError, match="REFUSED"):
        call_command("package", "verify", str(hostile))
    assert sorted(tmp_path.rglob("*")) == before


def test_an_outsider_cannot_export_another_familys_person(person, outsider, tmp_path) -> None:
    with pytest.raises(PermissionDenied):
        export_person_package(person, outsider, tmp_path / "p.zip")
    assert not (tmp_path / "p.zip").exists()


def test_staff_cannot_export_a_person_whose_family_has_not_agreed(
    person, reviewer, tmp_path
) -> None:
    with pytest.raises(PermissionDenied, match="not agreed"):
        export_person_package(person, reviewer, tmp_path / "p.zip")


def test_the_family_exports_their_own_record_without_others_unshared_evidence(
    person, owner, evidence_item, tmp_path
) -> None:
    out = tmp_path / "family.zip"
    export_person_package(person, owner, out)
    names = set(members(out))
    assert f"records/registry.person/{person.pk}.json" in names
    # Dilnur's evidence item is not Aynur's to see.
    assert f"records/registry.evidence/{evidence_item.pk}.json" not in names
    assert verify(out).ok


def test_the_export_command_writes_a_package_that_verifies(person, owner, tmp_path, capsys) -> None:
    out = tmp_path / "cli.zip"
    call_command("package", "export", "--person", str(person.pk), "--as", "aynur", str(out))
    call_command("package", "verify", str(out), "--key-id", published_key())
    assert "OK: " in capsys.readouterr().out


def test_a_byte_flipped_in_the_raw_zip_is_named_not_a_crash(package: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        info = next(i for i in archive.infolist() if i.filename.startswith("files/"))
    raw = bytearray(package.read_bytes())
    # The member's data starts after its 30-byte local header, its name and its extra field.
    name_length = int.from_bytes(raw[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_length = int.from_bytes(raw[info.header_offset + 28 : info.header_offset + 30], "little")
    raw[info.header_offset + 30 + name_length + extra_length] ^= 0x01
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(raw))
    report = verify(damaged)
    assert any(problem.startswith(info.filename) for problem in report.problems), report.problems
