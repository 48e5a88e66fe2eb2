"""In a real browser: a documenter drags a box across a photo on the redact page, and the
redacted copy stored has that box burned in."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from guwah.evidence import store
from guwah.evidence.models import EvidenceFile
from guwah.registry import services
from guwah.registry.models import Evidence

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 160, 120)).save(out, "JPEG")
    return out.getvalue()


def test_a_box_dragged_on_the_photo_is_burned_into_the_copy(
    page: Any, owner: Any, colleague: Any, password: str, artifacts_dir: Any
) -> None:
    father = services.create_person(
        owner, names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}], synthetic=True
    )
    item = services.add_evidence(
        colleague,
        [father],
        kind=Evidence.Kind.PHOTO,
        title="Photo (synthetic)",
        file=SimpleUploadedFile("photo.jpg", _photo(), content_type="image/jpeg"),
    )
    page.goto("/accounts/login/")
    page.fill("#id_username", colleague.username)
    page.fill("#id_password", password)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url("**/registry/")

    page.goto(f"/evidence/items/{item.pk}/redact/")
    canvas = page.locator("#redact-canvas")
    canvas.wait_for(state="visible")
    frame = canvas.bounding_box()
    assert frame is not None
    # The canvas shows the 400 × 300 photo at its own size: from (50, 40) to (150, 120).
    page.mouse.move(frame["x"] + 50, frame["y"] + 40)
    page.mouse.down()
    page.mouse.move(frame["x"] + 100, frame["y"] + 80)
    page.mouse.move(frame["x"] + 150, frame["y"] + 120)
    page.mouse.up()
    typed = page.input_value("#redact-boxes")
    numbers = [int(n) for n in typed.replace(",", " ").split()]
    assert len(numbers) == 4
    assert all(abs(a - b) <= 2 for a, b in zip(numbers, [50, 40, 150, 120], strict=True))
    page.screenshot(path=str(artifacts_dir / "evidence-redact-box.png"), full_page=True)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=The redacted copy is stored.")

    copy = EvidenceFile.objects.get(evidence=item, role=EvidenceFile.Role.REDACTED)
    with store.open_blob(copy.blob) as handle, Image.open(handle) as image:
        pixels = image.convert("RGB")
        assert pixels.getpixel((100, 80)) == (0, 0, 0)
        assert pixels.getpixel((300, 250)) != (0, 0, 0)
