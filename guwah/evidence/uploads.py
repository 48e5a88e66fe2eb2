"""What the site accepts as an upload, decided by the bytes and the declared size, never the name.

Two guards:

- :func:`screen` reads every person photo and testimony recording before it is stored (the
  registry's services call it through the hook ``services.screen_uploads_with``). A photo must
  be an image and is re-encoded: its pixels are copied into a new image, so that no EXIF
  (a position, a camera's serial number), XMP or comment survives, and nothing but pixels is
  stored, whatever else the file carried. A recording must be audio, or a scan of a written
  statement (an image, re-encoded like a photo, or a PDF).
- :class:`UploadLimitMiddleware` refuses a request whose declared size is over the limit before
  anything reads its body, so an oversized file is neither received nor written to disk.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from guwah.evidence.sniff import SNIFF_BYTES, sniff
from guwah.registry import services

# Images Pillow reads and the store's sniffer recognises; HEIC needs a plug-in Guwah lacks.
IMAGE_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/tiff", "image/bmp", "image/webp"}
)
# A photo larger than this is refused before its pixels are decoded: a small file can declare
# an enormous image and exhaust the server's memory (a "decompression bomb").
MAX_PIXELS = 50_000_000
# Room for the form's other fields and the multipart framing around the one file it carries.
FORM_MARGIN_BYTES = 1024 * 1024


def _head(upload: Any) -> bytes:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return bytes(head)


def _described(mime: str, reason: str) -> str:
    return reason or _("of type %(type)s") % {"type": mime}


def screen(upload: Any, kind: str) -> Any:
    """The file to store for ``upload`` in a registry field of ``kind`` (``services.PHOTO`` or
    ``services.RECORDING``); raises ``ValidationError`` with the reason, having stored nothing."""
    found = sniff(_head(upload))
    what = _described(found.mime, found.reason)
    if kind == services.PHOTO:
        if found.accepted and found.mime in IMAGE_TYPES:
            return reencoded_image(upload)
        raise ValidationError(
            _(
                "A photo must be an image (JPEG, PNG, GIF, TIFF, BMP or WebP); this file is "
                "%(what)s. Nothing was kept."
            )
            % {"what": what}
        )
    if kind == services.RECORDING:
        if found.accepted and found.mime in IMAGE_TYPES:
            return reencoded_image(upload)
        if found.accepted and (found.mime.startswith("audio/") or found.mime == "application/pdf"):
            return upload
        raise ValidationError(
            _(
                "A recording must be an audio file, or a scan as an image or a PDF; this file "
                "is %(what)s. Nothing was kept."
            )
            % {"what": what}
        )
    raise ValueError(f"no upload screen for {kind!r}")


def reencoded_image(upload: Any) -> ContentFile[bytes]:
    """The image's pixels, upright, in a new JPEG (or PNG where it is transparent) that carries
    nothing else: no EXIF, XMP, ICC profile, comment or trailing bytes of the original."""
    unreadable = _("The image could not be read: it is damaged or not an image. Nothing was kept.")
    too_large = _(
        "The image has more than %(limit)s million pixels, the most accepted. Nothing was kept."
    ) % {"limit": MAX_PIXELS // 1_000_000}
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(too_large)
            image.load()
            # The orientation lives in the EXIF that is about to go: turn the pixels first.
            upright = ImageOps.exif_transpose(image)
    except Image.DecompressionBombError:
        raise ValidationError(too_large) from None
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError):
        raise ValidationError(unreadable) from None
    transparent = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    mode = "RGBA" if transparent else "RGB"
    pixels = upright.convert(mode)
    # A new image gets the pixels and nothing of the original's info, chunks or segments.
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    if transparent:
        clean.save(out, "PNG", optimize=True)
        return ContentFile(out.getvalue(), name="image.png")
    clean.save(out, "JPEG", quality=90, optimize=True)
    return ContentFile(out.getvalue(), name="image.jpg")


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}"


class UploadLimitMiddleware:
    """Refuse a file upload by its declared size (``Content-Length``), before its body is read.

    The limit is the one upload limit (``GUWAH_MAX_UPLOAD_BYTES``) plus a margin for the form's
    other fields; a file a little over the limit is still refused, with its exact size, by the
    form and the services once received.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.content_type == "multipart/form-data":
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            limit = settings.GUWAH_MAX_UPLOAD_BYTES
            if declared > limit + FORM_MARGIN_BYTES:
                return render(
                    request,
                    "evidence/upload_too_large.html",
                    {"size": _megabytes(declared), "limit": _megabytes(limit)},
                    status=413,
                )
        return self.get_response(request)
