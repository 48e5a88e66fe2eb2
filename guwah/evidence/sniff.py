"""File types by their first bytes, not their names; pure Python, no libmagic.

Only types that have a place in an evidence file are accepted. Programs, scripts, web pages and
archives are refused: a program is no one's evidence, a web page stored and served back can run
script in an investigator's browser, and an archive hides what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass

SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Sniffed:
    mime: str
    accepted: bool
    reason: str = ""


_REFUSED_PROGRAM = "an executable program or script"

# (offset, signature, mime); the first match wins, so more specific entries come first.
_SIGNATURES: list[tuple[int, bytes, str]] = [
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"II*\x00", "image/tiff"),
    (0, b"MM\x00*", "image/tiff"),
    (0, b"BM", "image/bmp"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"{\\rtf", "application/rtf"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (0, b"OggS", "audio/ogg"),
    (0, b"fLaC", "audio/flac"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"#!AMR", "audio/amr"),
]

_RIFF = {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}
_FTYP = {
    b"heic": "image/heic",
    b"heix": "image/heic",
    b"mif1": "image/heif",
    b"avif": "image/avif",
    b"qt  ": "video/quicktime",
    b"M4A ": "audio/mp4",
    b"3gp4": "video/3gpp",
    b"3gp5": "video/3gpp",
}
_PROGRAMS = [
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
    b"\x00asm",
    b"dex\n",
]
_OFFICE_PARTS = {
    b"word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    b"xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    b"ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_MARKUP = (b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")


def sniff(head: bytes) -> Sniffed:
    """The type of a file from its first ``SNIFF_BYTES`` bytes, and whether the store takes it."""
    if not head:
        return Sniffed("application/x-empty", False, "an empty file")
    for signature in _PROGRAMS:
        if head.startswith(signature):
            return Sniffed("application/x-executable", False, _REFUSED_PROGRAM)
    for offset, signature, mime in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return Sniffed(mime, True)
    if head.startswith(b"RIFF") and head[8:12] in _RIFF:
        return Sniffed(_RIFF[head[8:12]], True)
    if head[4:8] == b"ftyp":
        return Sniffed(_FTYP.get(head[8:12], "video/mp4"), True)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        mime = "video/webm" if b"webm" in head[:64] else "video/x-matroska"
        # A voice recorded in the browser (MediaRecorder, Opus in WebM) names its one audio
        # track's codec in the header and no video codec: it is audio, and plays as audio.
        video = (b"V_VP8", b"V_VP9", b"V_AV1", b"V_MPEG")
        if mime == "video/webm" and b"A_OPUS" in head and not any(v in head for v in video):
            mime = "audio/webm"
        return Sniffed(mime, True)
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return Sniffed("audio/mpeg", True)
    if head.startswith(b"PK\x03\x04"):
        for part, mime in _OFFICE_PARTS.items():
            if part in head:
                return Sniffed(mime, True)
        if b"mimetypeapplication/vnd.oasis.opendocument" in head[:200]:
            return Sniffed("application/vnd.oasis.opendocument", True)
        return Sniffed("application/zip", False, "an archive (upload the files it holds)")
    return _sniff_text(head)


def _sniff_text(head: bytes) -> Sniffed:
    if b"\x00" in head:
        return Sniffed("application/octet-stream", False, "a file type that is not recognised")
    try:
        # A multi-byte character may be cut at the end of the sample.
        text = head.decode("utf-8") if len(head) < SNIFF_BYTES else head[:-4].decode("utf-8")
    except UnicodeDecodeError:
        return Sniffed("application/octet-stream", False, "a file type that is not recognised")
    start = text.lstrip("\ufeff \t\r\n")[:200].lower().encode()
    if start.startswith(_MARKUP) or b"<script" in text[:4096].lower().encode():
        return Sniffed("text/html", False, "a web page or markup that could run script")
    return Sniffed("text/plain", True)


# The last bytes a complete file of these types ends with (allowing some trailing padding).
_TRAILERS: dict[str, bytes] = {
    "image/jpeg": b"\xff\xd9",
    "image/png": b"IEND\xaeB`\x82",
    "application/pdf": b"%%EOF",
}
TAIL_BYTES = 1024


def looks_complete(mime: str, tail: bytes) -> bool:
    """Whether a file whose type has a fixed ending has it in its last ``TAIL_BYTES`` bytes."""
    trailer = _TRAILERS.get(mime)
    return trailer is None or trailer in tail
