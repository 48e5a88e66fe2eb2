"""What a stored file says about itself: image EXIF and XMP, PDF metadata and pages, duration.

Parsers read only the parts they need (an image's header, a PDF's trailer and page tree, an
MP4's ``moov`` box); a file they cannot parse is still stored, with the parser's complaint noted.

Some of it can locate a witness: where a photo was taken, which device took it, who wrote a
document. The original keeps it (it is evidence, and its hash is in the log); an export flags
it and can share a copy without it (:func:`locating_metadata`, :func:`stripped_copy`).
"""

from __future__ import annotations

import io
import struct
from typing import IO, Any

from django.core.files.storage import Storage

_MAX_TEXT = 2000


def _text(value: Any) -> Any:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, int | float | bool) or value is None:
        return value
    return str(value)[:_MAX_TEXT]


def image_metadata(handle: IO[bytes]) -> dict[str, Any]:
    from PIL import ExifTags, Image

    with Image.open(handle) as image:
        result: dict[str, Any] = {
            "format": image.format,
            "width": image.width,
            "height": image.height,
            "mode": image.mode,
        }
        exif = image.getexif()
        tags = {ExifTags.TAGS.get(tag, str(tag)): _text(value) for tag, value in exif.items()}
        for ifd in (ExifTags.IFD.Exif, ExifTags.IFD.GPSInfo):
            names = ExifTags.GPSTAGS if ifd == ExifTags.IFD.GPSInfo else ExifTags.TAGS
            for tag, value in exif.get_ifd(ifd).items():
                tags[names.get(tag, str(tag))] = _text(value)
        if tags:
            result["exif"] = tags
        xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
        if xmp:
            result["xmp"] = _text(xmp)
    return result


def pdf_metadata(handle: IO[bytes]) -> dict[str, Any]:
    from pypdf import PdfReader

    reader = PdfReader(handle)
    info: dict[str, Any] = dict(reader.metadata or {})
    return {
        "pages": len(reader.pages),
        "info": {str(key).lstrip("/"): _text(value) for key, value in info.items()},
        "encrypted": reader.is_encrypted,
    }


def _boxes(handle: IO[bytes], end: int) -> Any:
    while handle.tell() + 8 <= end:
        start = handle.tell()
        size, kind = struct.unpack(">I4s", handle.read(8))
        if size == 1:
            size = struct.unpack(">Q", handle.read(8))[0]
        elif size == 0:
            size = end - start
        if size < 8:
            return
        yield kind, start, size
        handle.seek(start + size)


def mp4_duration(handle: IO[bytes], file_size: int) -> float | None:
    """Seconds from the ``mvhd`` box, found by skipping from box header to box header."""
    for kind, start, size in _boxes(handle, file_size):
        if kind != b"moov":
            continue
        handle.seek(start + 8)
        for inner, inner_start, _size in _boxes(handle, start + size):
            if inner == b"mvhd":
                handle.seek(inner_start + 8)
                version = handle.read(4)[0]
                if version == 1:
                    _, _, timescale, duration = struct.unpack(">QQIQ", handle.read(28))
                else:
                    _, _, timescale, duration = struct.unpack(">IIII", handle.read(16))
                return round(duration / timescale, 3) if timescale else None
        return None
    return None


def wav_duration(handle: IO[bytes]) -> float | None:
    header = handle.read(44)
    if len(header) < 44 or header[12:16] != b"fmt ":
        return None
    byte_rate = struct.unpack("<I", header[28:32])[0]
    data_size = struct.unpack("<I", header[40:44])[0]
    return round(data_size / byte_rate, 3) if byte_rate else None


def extract_metadata(storage: Storage, name: str, mime: str) -> dict[str, Any]:
    try:
        with storage.open(name, "rb") as handle:
            if mime.startswith("image/"):
                return image_metadata(handle)
            if mime == "application/pdf":
                return pdf_metadata(handle)
            if mime in ("video/mp4", "video/quicktime", "audio/mp4", "video/3gpp"):
                duration = mp4_duration(handle, storage.size(name))
                return {"duration_seconds": duration} if duration is not None else {}
            if mime == "audio/wav":
                duration = wav_duration(handle)
                return {"duration_seconds": duration} if duration is not None else {}
    except Exception as exc:  # A file a parser chokes on is still evidence.
        return {"unreadable": f"{exc.__class__.__name__}: {str(exc)[:200]}"}
    return {}


# EXIF tags that name a device or a person; every GPS tag is locating too.
_LOCATING_EXIF = {
    "Artist",
    "BodySerialNumber",
    "CameraOwnerName",
    "Copyright",
    "HostComputer",
    "ImageUniqueID",
    "LensMake",
    "LensModel",
    "LensSerialNumber",
    "Make",
    "Model",
    "OwnerName",
    "SerialNumber",
    "XPAuthor",
    "XPComment",
}
_LOCATING_PDF = {"Author", "Creator"}


def locating_metadata(metadata: dict[str, Any]) -> list[str]:
    """The metadata of a stored file that could locate a witness, as ``kind:name`` labels
    (names only, never values): GPS, device make, model and serials, authors, XMP."""
    found: list[str] = []
    exif = metadata.get("exif") or {}
    for name in exif:
        if name.startswith("GPS") or name in _LOCATING_EXIF:
            found.append(f"exif:{name}")
    if metadata.get("xmp"):
        # XMP can hold anything: positions, the creating device, the author's name.
        found.append("xmp")
    info = metadata.get("info") or {}
    for name in info:
        if name in _LOCATING_PDF and info[name]:
            found.append(f"pdf:{name}")
    return sorted(found)


def stripped_copy(handle: IO[bytes], mime: str) -> tuple[bytes, str] | None:
    """A copy to share without the file's metadata, with its type; ``None`` if Guwah cannot
    make one for this type of file.

    An image's pixels are copied into a new image, written as PNG: lossless, and nothing of
    the original's EXIF, XMP, ICC profile or comments survives, because none is carried over.
    A PDF is rewritten without its document information and XMP metadata.
    """
    if mime.startswith("image/"):
        return _stripped_image(handle), "image/png"
    if mime == "application/pdf":
        return _stripped_pdf(handle), "application/pdf"
    return None


def _stripped_image(handle: IO[bytes]) -> bytes:
    from PIL import Image, ImageOps

    with Image.open(handle) as original:
        # The orientation lives in the EXIF about to be dropped: turn the pixels upright first.
        upright = ImageOps.exif_transpose(original)
        if upright.mode not in ("1", "L", "LA", "I", "I;16", "RGB", "RGBA"):
            upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
        clean = Image.new(upright.mode, upright.size)
        clean.frombytes(upright.tobytes())
    out = io.BytesIO()
    clean.save(out, format="PNG")
    return out.getvalue()


def _stripped_pdf(handle: IO[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(handle))
    root = writer.root_object
    if NameObject("/Metadata") in root:
        del root[NameObject("/Metadata")]
    for page in writer.pages:
        if NameObject("/Metadata") in page:
            del page[NameObject("/Metadata")]
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
