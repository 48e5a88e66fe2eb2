"""Keys, and the two shapes of ciphertext: a text token for a column, bytes for a file.

A text token reads ``gw1$<key id>$<base64url of nonce + ciphertext + tag>``; a file starts
with ``GWE1``, the key id's length and the key id, then nonce, ciphertext and tag. The
associated data binds both to a label (``registry.testimony.witness_name``, a file's
content hash) and to the key id, so neither can be moved or relabelled without the tag
failing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import io
import os
from collections.abc import Callable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
TOKEN_PREFIX = "gw1$"  # noqa: S105  (a format marker, not a secret)
FILE_MAGIC = b"GWE1"


class KeyProblem(Exception):
    """A key is missing, unreadable or the wrong one; the message names the key."""


class WrongKey(KeyProblem):
    """A ciphertext or a wrapped key does not open with the key it names."""


class UnknownKey(KeyProblem):
    """A ciphertext names a data key the keyring does not hold."""


def _b64decode(text: str) -> bytes:
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_"))


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class MasterKey:
    """The key that wraps the data keys. Its id is derived from it, so a keyring can say which
    master key it needs without holding anything that helps to guess it."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) != KEY_BYTES:
            raise KeyProblem(
                f"a master key is {KEY_BYTES} bytes (44 characters of base64), "
                f"not {len(secret)} bytes"
            )
        self._secret = secret
        digest = hmac.new(secret, b"guwah master key id", hashlib.sha256).hexdigest()
        self.key_id = "m-" + digest[:12]

    @classmethod
    def from_text(cls, text: str, *, source: str) -> MasterKey:
        """A master key written as base64 (``guwah keys new-master`` prints one)."""
        try:
            secret = _b64decode(text.strip())
        except (binascii.Error, ValueError) as exc:
            raise KeyProblem(f"{source} does not hold a base64 master key") from exc
        try:
            return cls(secret)
        except KeyProblem as exc:
            raise KeyProblem(f"{source}: {exc}") from exc

    @classmethod
    def generate(cls) -> MasterKey:
        return cls(os.urandom(KEY_BYTES))

    def derive(self, purpose: str) -> bytes:
        """A secret for one purpose (the passphrase of the log's signing key), bound to this
        master key and useless for anything else."""
        return hmac.new(self._secret, b"guwah derive|" + purpose.encode(), hashlib.sha256).digest()

    def as_text(self) -> str:
        return base64.b64encode(self._secret).decode("ascii")

    def wrap(self, key_id: str, data_key: bytes) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self._secret).encrypt(nonce, data_key, _wrap_label(key_id))
        return _b64encode(nonce + sealed)

    def unwrap(self, key_id: str, wrapped: str, *, made_with: str) -> bytes:
        try:
            raw = _b64decode(wrapped)
            return AESGCM(self._secret).decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], _wrap_label(key_id)
            )
        except (InvalidTag, binascii.Error, ValueError) as exc:
            raise WrongKey(
                f"the master key {self.key_id} cannot open data key {key_id}, which was "
                f"wrapped with master key {made_with}: set GUWAH_MASTER_KEY_FILE to that key"
            ) from exc


def _wrap_label(key_id: str) -> bytes:
    return b"guwah data key|" + key_id.encode("ascii")


def _label(label: str, key_id: str) -> bytes:
    return b"guwah|" + label.encode("utf-8") + b"|" + key_id.encode("ascii")


def new_data_key() -> tuple[str, bytes]:
    """A fresh data key and its id (random, so two keyrings never share one)."""
    return "d-" + os.urandom(6).hex(), os.urandom(KEY_BYTES)


def is_token(value: object) -> bool:
    return isinstance(value, str) and value.startswith(TOKEN_PREFIX)


def token_key_id(token: str) -> str:
    """The data key a text token was made with."""
    parts = token.split("$")
    if len(parts) != 3 or not is_token(token):
        raise WrongKey("the stored value is not a readable ciphertext (it is damaged)")
    return parts[1]


def seal_text(key_id: str, key: bytes, plaintext: str, label: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), _label(label, key_id))
    return f"{TOKEN_PREFIX}{key_id}${_b64encode(nonce + sealed)}"


def open_text(token: str, key: bytes, label: str) -> str:
    key_id = token_key_id(token)
    try:
        raw = _b64decode(token.split("$")[2])
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _label(label, key_id))
    except (InvalidTag, binascii.Error, ValueError) as exc:
        raise WrongKey(
            f"a value of {label} does not open with data key {key_id}: the key is wrong, "
            "or the value was copied from another field, or it was altered"
        ) from exc
    return plain.decode("utf-8")


def is_encrypted_file(head: bytes) -> bool:
    return head.startswith(FILE_MAGIC)


# A file is sealed in segments of this many plaintext bytes, each with its own tag, so that a
# recording of any length is encrypted and decrypted in a small, fixed amount of memory. Every
# segment but the last is full; the last is shorter (empty when the length divides evenly), so
# a file cut short, or with segments swapped, fails to open.
SEGMENT = 64 * 1024
TAG = 16
_PREFIX_BYTES = 8


def _segment_nonce(prefix: bytes, number: int) -> bytes:
    return prefix + number.to_bytes(4, "big")


def _segment_label(label: str, key_id: str, number: int, last: bool) -> bytes:
    return _label(label, key_id) + b"|%d|%d" % (number, int(last))


def file_header(key_id: str, prefix: bytes) -> bytes:
    encoded_id = key_id.encode("ascii")
    return FILE_MAGIC + bytes([len(encoded_id)]) + encoded_id + prefix


def seal_stream(key_id: str, key: bytes, blocks: Iterator[bytes], label: str) -> Iterator[bytes]:
    """The sealed file, piece by piece, from the plaintext in blocks of any size."""
    cipher = AESGCM(key)
    prefix = os.urandom(_PREFIX_BYTES)
    yield file_header(key_id, prefix)
    pending, number = b"", 0
    for block in blocks:
        pending += block
        view, offset = memoryview(pending), 0
        while len(pending) - offset > SEGMENT:  # Keep at least one byte back: it may be the end.
            segment = view[offset : offset + SEGMENT]
            nonce = _segment_nonce(prefix, number)
            yield cipher.encrypt(nonce, segment, _segment_label(label, key_id, number, False))
            number, offset = number + 1, offset + SEGMENT
        view.release()
        pending = pending[offset:]
    if len(pending) == SEGMENT:
        nonce = _segment_nonce(prefix, number)
        yield cipher.encrypt(nonce, pending, _segment_label(label, key_id, number, False))
        number, pending = number + 1, b""
    nonce = _segment_nonce(prefix, number)
    yield cipher.encrypt(nonce, pending, _segment_label(label, key_id, number, True))


def read_file_header(read: Callable[[int], bytes]) -> tuple[str, bytes]:
    """The key id and nonce prefix at the start of a sealed file."""
    magic = read(len(FILE_MAGIC) + 1)
    if len(magic) < len(FILE_MAGIC) + 1 or not is_encrypted_file(magic):
        raise WrongKey("the file is not an encrypted file of this installation")
    key_id = read(magic[-1]).decode("ascii", "replace")
    return key_id, read(_PREFIX_BYTES)


def file_key_id(head: bytes) -> str:
    """The data key a sealed file was made with, read from its first bytes."""
    stream = io.BytesIO(head)
    return read_file_header(stream.read)[0]


def open_stream(
    read: Callable[[int], bytes], key_for: Callable[[str], bytes], label: str
) -> Iterator[bytes]:
    """The plaintext of a sealed file, segment by segment; :class:`WrongKey` if any segment
    does not open (a wrong key, an altered, cut or reordered file)."""
    key_id, prefix = read_file_header(read)
    cipher = AESGCM(key_for(key_id))
    number = 0
    while True:
        sealed = read(SEGMENT + TAG)
        last = len(sealed) < SEGMENT + TAG
        try:
            yield cipher.decrypt(
                _segment_nonce(prefix, number),
                sealed,
                _segment_label(label, key_id, number, last),
            )
        except (InvalidTag, ValueError) as exc:
            raise WrongKey(
                f"the file {label} does not open with data key {key_id}: the key is wrong, "
                "or the file was altered"
            ) from exc
        if last:
            return
        number += 1


def lookup_hash(key: bytes, value: str, label: str) -> str:
    """A keyed hash for exact look-up: equal values give equal hashes, and nobody without the
    key can test a guessed value against it."""
    message = label.encode("utf-8") + b"|" + value.encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()
