"""What a stored file says about itself: image EXIF and XMP, PDF metadata and pages, duration.

Parsers read only the parts they need (an image's header, a PDF's trailer and page tree, an
MP4's ``moov`` box); a file they cannot parse is still stored, with the parser's complaint noted.
"""

from __future__ import annotations

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
