"""The keyring file: data keys wrapped by the master key, and which one encrypts new values.

Rotation adds a data key and makes it current while the old ones stay readable; once every
value has been re-encrypted, the old keys are retired. A process that meets a key id it does
not hold re-reads the file first, so a rotation started by a command reaches a running server
without a restart.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from guwah.keys import envelope
from guwah.keys.envelope import KeyProblem, MasterKey, UnknownKey

FORMAT = 1


@dataclass
class Keyring:
    path: Path
    master: MasterKey
    current: str = ""
    data_keys: dict[str, bytes] = field(default_factory=dict)
    created: dict[str, str] = field(default_factory=dict)
    lookup_key: bytes = b""

    # --- reading and writing the file --------------------------------------------------------

    @classmethod
    def open(cls, path: Path, master: MasterKey, *, create: bool = True) -> Keyring:
        """The keyring at ``path``, made with a first data key when there is none yet."""
        if not path.exists():
            if not create:
                raise KeyProblem(f"there is no keyring at {path}")
            ring = cls(path=path, master=master)
            key_id, key = envelope.new_data_key()
            ring.data_keys[key_id] = key
            ring.created[key_id] = _now()
            ring.current = key_id
            ring.lookup_key = os.urandom(envelope.KEY_BYTES)
            if ring._write(exclusive=True):
                return ring
            # Another process made it first: use theirs, or values would be unreadable.
        return cls._read(path, master)

    @classmethod
    def _read(cls, path: Path, master: MasterKey) -> Keyring:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KeyProblem(f"the keyring {path} cannot be read: {exc}") from exc
        if stored.get("format") != FORMAT:
            raise KeyProblem(f"the keyring {path} has an unknown format")
        made_with = str(stored.get("master", "?"))
        ring = cls(path=path, master=master, current=stored["current"])
        for key_id, entry in stored["data_keys"].items():
            ring.data_keys[key_id] = master.unwrap(key_id, entry["wrapped"], made_with=made_with)
            ring.created[key_id] = entry.get("created", "")
        ring.lookup_key = master.unwrap("lookup", stored["lookup_key"], made_with=made_with)
        return ring

    def _document(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "master": self.master.key_id,
            "current": self.current,
            "data_keys": {
                key_id: {"wrapped": self.master.wrap(key_id, key), "created": self.created[key_id]}
                for key_id, key in self.data_keys.items()
            },
            "lookup_key": self.master.wrap("lookup", self.lookup_key),
        }

    def _write(self, *, exclusive: bool = False) -> bool:
        """Write the file readable by its owner only; ``exclusive``: only if none exists."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        text = json.dumps(self._document(), indent=2, sort_keys=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".keyring-")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o600)
            if exclusive:
                try:
                    os.link(temporary, self.path)
                except FileExistsError:
                    return False
            else:
                os.replace(temporary, self.path)
                temporary = ""
        finally:
            if temporary:
                os.unlink(temporary)
        return True

    def reload(self) -> None:
        fresh = self._read(self.path, self.master)
        self.current, self.data_keys, self.created = fresh.current, fresh.data_keys, fresh.created
        self.lookup_key = fresh.lookup_key

    # --- rotation -----------------------------------------------------------------------------

    def start_rotation(self) -> str:
        """Add a data key and encrypt new values with it; the older keys stay readable."""
        key_id, key = envelope.new_data_key()
        self.data_keys[key_id] = key
        self.created[key_id] = _now()
        self.current = key_id
        self._write()
        return key_id

    def retire(self, key_ids: set[str]) -> None:
        """Forget data keys nothing is encrypted with any more (never the current one)."""
        for key_id in key_ids - {self.current}:
            self.data_keys.pop(key_id, None)
            self.created.pop(key_id, None)
        self._write()

    def rewrap(self, new_master: MasterKey) -> None:
        """Wrap every data key with another master key (the old master key then opens nothing)."""
        self.master = new_master
        self._write()

    # --- encrypting -----------------------------------------------------------------------------

    def _key(self, key_id: str) -> bytes:
        if key_id not in self.data_keys:
            self.reload()
        if key_id not in self.data_keys:
            raise UnknownKey(
                f"data key {key_id} is not in the keyring {self.path} (master key "
                f"{self.master.key_id}): it was retired, or the keyring is another installation's"
            )
        return self.data_keys[key_id]

    def encrypt(self, plaintext: str, label: str) -> str:
        return envelope.seal_text(self.current, self.data_keys[self.current], plaintext, label)

    def decrypt(self, token: str, label: str) -> str:
        return envelope.open_text(token, self._key(envelope.token_key_id(token)), label)

    def encrypt_stream(self, blocks: Iterator[bytes], label: str) -> Iterator[bytes]:
        return envelope.seal_stream(self.current, self.data_keys[self.current], blocks, label)

    def decrypt_stream(self, read: Callable[[int], bytes], label: str) -> Iterator[bytes]:
        return envelope.open_stream(read, self._key, label)

    def lookup(self, value: str, label: str) -> str:
        return envelope.lookup_hash(self.lookup_key, value, label)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
