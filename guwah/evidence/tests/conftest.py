from __future__ import annotations

import pytest

from guwah.registry.models import Evidence, Name, Person, Script


@pytest.fixture
def person(owner):
    """Aynur's brother, as she recorded him."""
    person = Person.objects.create(created_by=owner, birth_date="1978", synthetic=True)
    Name.objects.create(person=person, text="Ekrem Tursun", script=Script.UYGHUR_LATIN)
    Name.objects.create(person=person, text="ئەكرەم تۇرسۇن", script=Script.UYGHUR_ARABIC)
    return person


@pytest.fixture
def evidence_item(person, colleague):
    item = Evidence.objects.create(
        kind=Evidence.Kind.OFFICIAL_DOCUMENT,
        title="Detention notice (synthetic)",
        created_by=colleague,
        synthetic=True,
        consent_share_un=True,
    )
    item.persons.add(person)
    return item


@pytest.fixture
def gps_photo() -> bytes:
    """A small synthetic JPEG whose EXIF gives a position, a camera and an orientation."""
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "SyntheticCam"  # Make
    exif[0x0110] = "Model S-1"  # Model
    exif[0x0112] = 6  # Orientation: turned 90°
    exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 28.0, 12.5), 3: "E", 4: (75.0, 59.0, 1.0)})
    out = io.BytesIO()
    Image.new("RGB", (24, 16), (120, 80, 40)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()
