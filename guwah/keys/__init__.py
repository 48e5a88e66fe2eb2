"""Envelope encryption of the record's most dangerous fields, without Django.

A master key, kept outside the database and the data directory, wraps the data keys held in a
keyring file; the data keys encrypt field values and files with AES-GCM. Every ciphertext
names the data key it was made with and is bound to a label (the field it belongs to), so a
value copied into another field, or read with the wrong key, fails with an error that names
the key instead of returning nonsense.
"""

from guwah.keys.envelope import (
    FILE_MAGIC,
    TOKEN_PREFIX,
    KeyProblem,
    MasterKey,
    UnknownKey,
    WrongKey,
    file_key_id,
    is_encrypted_file,
    is_token,
    token_key_id,
)
from guwah.keys.keyring import Keyring

__all__ = [
    "FILE_MAGIC",
    "TOKEN_PREFIX",
    "KeyProblem",
    "Keyring",
    "MasterKey",
    "UnknownKey",
    "WrongKey",
    "file_key_id",
    "is_encrypted_file",
    "is_token",
    "token_key_id",
]
