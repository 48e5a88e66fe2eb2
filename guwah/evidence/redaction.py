"""Redacted copies: opaque boxes over what must not be shared, the original kept untouched.

An image's boxes are burned into its pixels, which are then copied into a new image: nothing of
the original file (EXIF with GPS and camera, XMP, comments, ICC profile) survives, because none
of it is carried over. A PDF's boxes become redaction annotations that are applied: the text,
the image pixels and the drawings under each box are removed from the page's content, not
covered; the document's metadata, attachments, scripts and links are scrubbed, and the file is
written afresh (garbage-collected, deflated, never an incremental update that would keep the
old objects at its end).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from guwah.evidence import store
from guwah.evidence.models import EvidenceFile
from guwah.registry import access
from guwah.registry.models import Evidence

# PyMuPDF's PDF_REDACT_IMAGE_PIXELS: blank the pixels of images under a box (not the whole
# image, not nothing).
REDACT_IMAGE_PIXELS = 2
# At most this many boxes in one copy; a page with more is better withheld whole.
MAX_BOXES = 200
_NUMBER = r"-?\d+(?:\.\d+)?"
_LINE = re.compile(
    rf"^\s*(?:(?P<page>\d+)\s*:\s*)?(?P<x0>{_NUMBER})[\s,]+(?P<y0>{_NUMBER})[\s,]+"
    rf"(?P<x1>{_NUMBER})[\s,]+(?P<y1>{_NUMBER})\s*$"
)


@dataclass(frozen=True)
class Box:
    """A rectangle to black out: page (from 1; always 1 for an image) and two corners, in
    pixels for an image and in PDF points from the page's top left for a PDF."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def as_list(self) -> list[float]:
        return [self.page, self.x0, self.y0, self.x1, self.y1]


def parse_boxes(text: str) -> list[Box]:
    """Boxes as typed, one a line: ``x0, y0, x1, y1`` or ``page: x0, y0, x1, y1``."""
    boxes: list[Box] = []
    problems: list[str] = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            problems.append(
                _("Line %(line)s is not a box: write “x0, y0, x1, y1” or “page: x0, y0, x1, y1”.")
                % {"line": number}
            )
            continue
        x0, y0, x1, y1 = (float(match[key]) for key in ("x0", "y0", "x1", "y1"))
        page = int(match["page"] or 1)
        if page < 1 or min(x0, y0, x1, y1) < 0 or x1 <= x0 or y1 <= y0:
            problems.append(
                _(
                    "Line %(line)s: a box runs from its top left to its bottom right, in positive "
                    "numbers, on a page from 1."
                )
                % {"line": number}
            )
            continue
        boxes.append(Box(page, x0, y0, x1, y1))
    if problems:
        raise ValidationError(problems)
    if not boxes:
        raise ValidationError(_("Give at least one box to black out."))
    if len(boxes) > MAX_BOXES:
        raise ValidationError(
            _("At most %(count)s boxes; withhold the file instead.") % {"count": MAX_BOXES}
        )
    return boxes


def redact_image(handle: IO[bytes], boxes: list[Box]) -> bytes:
    """A PNG of the image with ``boxes`` burned in black, carrying nothing but pixels."""
    from PIL import Image, ImageDraw, ImageOps

    with Image.open(handle) as original:
        # The orientation lives in the EXIF about to be dropped: turn the pixels upright first,
        # so that boxes drawn on the upright picture land where they were drawn.
        upright = ImageOps.exif_transpose(original)
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
    width, height = upright.size
    for box in boxes:
        if box.page != 1:
            raise ValidationError(
                _("An image has one page; a box names page %(page)s.") % {"page": box.page}
            )
        if box.x0 >= width or box.y0 >= height:
            raise ValidationError(
                _("A box starts outside the %(width)s × %(height)s image.")
                % {"width": width, "height": height}
            )
    draw = ImageDraw.Draw(upright)
    for box in boxes:
        draw.rectangle((box.x0, box.y0, box.x1, box.y1), fill="black")
    clean = Image.new(upright.mode, upright.size)
    clean.frombytes(upright.tobytes())
    out = io.BytesIO()
    clean.save(out, format="PNG")
    return out.getvalue()


def redact_pdf(handle: IO[bytes], boxes: list[Box]) -> bytes:
    """The PDF with everything under ``boxes`` removed, scrubbed and written afresh."""
    import pymupdf

    try:
        document = pymupdf.open(stream=handle.read(), filetype="pdf")
    except Exception as exc:  # A file the PDF library cannot read is refused, not half-done.
        raise ValidationError(_("This PDF cannot be read to redact it.")) from exc
    with document:
        if document.needs_pass:
            raise ValidationError(_("This PDF is encrypted; it cannot be redacted here."))
        for box in boxes:
            if box.page > document.page_count:
                raise ValidationError(
                    _("A box names page %(page)s of a %(count)s-page PDF.")
                    % {"page": box.page, "count": document.page_count}
                )
            page = document[box.page - 1]
            page.add_redact_annot(pymupdf.Rect(box.x0, box.y0, box.x1, box.y1), fill=(0, 0, 0))
        for number in range(document.page_count):
            # Images under a box lose those pixels; drawings under it are removed too.
            document[number].apply_redactions(images=REDACT_IMAGE_PIXELS)
        document.scrub(redactions=False)
        document.set_metadata({})
        return bytes(document.tobytes(garbage=4, deflate=True, clean=True))


def redacted(handle: IO[bytes], mime: str, boxes: list[Box]) -> tuple[bytes, str]:
    """The redacted copy of a file of type ``mime``, and its type."""
    if mime in ("image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff"):
        return redact_image(handle, boxes), "image/png"
    if mime == "application/pdf":
        return redact_pdf(handle, boxes), "application/pdf"
    raise ValidationError(
        _("Files of type %(mime)s cannot be redacted here; withhold them instead.") % {"mime": mime}
    )


def make_redacted_copy(actor: Any, evidence: Evidence, boxes: list[Box]) -> EvidenceFile:
    """Store a redacted copy of ``evidence``'s original as a new file of the item, linked to
    the original it was made from; the original is read (and its hash checked) but not
    touched. Packages and exports carry this copy instead of a restricted original."""
    if not (access.can_add_evidence(actor) and access.can_edit_evidence(actor, evidence)):
        raise PermissionDenied(_("You may not redact this item's files."))
    original = (
        EvidenceFile.objects.filter(evidence=evidence, role=EvidenceFile.Role.ORIGINAL)
        .select_related("blob")
        .first()
    )
    if original is None:
        raise ValidationError(_("This item has no stored original to redact."))
    with store.open_verified_blob(original.blob) as source:
        data, mime = redacted(source, original.blob.mime, boxes)
    extension = {"image/png": "png", "application/pdf": "pdf"}[mime]
    name = f"{original.blob.sha256[:16]}-redacted.{extension}"
    with transaction.atomic():
        blob = store.ingest_upload(
            evidence,
            ContentFile(data, name=name),
            actor,
            role=EvidenceFile.Role.REDACTED,
            derived_from=original.blob,
        )
        copy = EvidenceFile.objects.filter(
            evidence=evidence, blob=blob, role=EvidenceFile.Role.REDACTED
        ).latest("pk")
        copy.boxes = [box.as_list() for box in boxes]
        copy.save()
    return copy


def redacted_copy_of(original: EvidenceFile) -> EvidenceFile | None:
    """The latest copy of ``original`` with boxes blacked out, if one was made."""
    return (
        EvidenceFile.objects.filter(
            evidence_id=original.evidence_id,
            role=EvidenceFile.Role.REDACTED,
            derived_from_id=original.blob_id,
        )
        .exclude(boxes=[])
        .select_related("blob")
        .order_by("-pk")
        .first()
    )
