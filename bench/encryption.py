"""What encryption at rest costs: per field value, and per megabyte of stored file.

Prints JSON. Peers in the same process: AES-GCM from ``cryptography`` called directly on the
same values (the floor any envelope can reach), and SHA-256 over the same file bytes (the
store already hashes every upload once; sealing is a second such pass). No Django, no
database: ``.venv/bin/python bench/encryption.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from guwah.keys import Keyring, MasterKey


def _best(runs: list[float]) -> float:
    return statistics.median(runs)


def fields(count: int, repeats: int) -> dict[str, float]:
    ring = Keyring.open(Path(tempfile.mkdtemp()) / "keyring.json", MasterKey.generate())
    # Synthetic witness names of ordinary length.
    values = [f"Synthetic Witness Name {i:06d}" for i in range(count)]
    label = "registry.testimony.witness_name"
    ours, peer = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        tokens = [ring.encrypt(value, label) for value in values]
        for token in tokens:
            ring.decrypt(token, label)
        ours.append((time.perf_counter() - start) / count)
        cipher, aad = AESGCM(os.urandom(32)), label.encode()
        start = time.perf_counter()
        sealed = []
        for value in values:
            nonce = os.urandom(12)
            sealed.append((nonce, cipher.encrypt(nonce, value.encode(), aad)))
        for nonce, data in sealed:
            cipher.decrypt(nonce, data, aad)
        peer.append((time.perf_counter() - start) / count)
    return {"envelope_us": _best(ours) * 1e6, "raw_aesgcm_us": _best(peer) * 1e6}


def files(megabytes: int, repeats: int) -> dict[str, float]:
    ring = Keyring.open(Path(tempfile.mkdtemp()) / "keyring.json", MasterKey.generate())
    data = os.urandom(megabytes * 1024 * 1024)
    block = 256 * 1024
    seal, unseal, sha = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        sealed = b"".join(
            ring.encrypt_stream(
                (data[i : i + block] for i in range(0, len(data), block)), "evidence.blob|x"
            )
        )
        seal.append(time.perf_counter() - start)
        start = time.perf_counter()
        for _segment in ring.decrypt_stream(io.BytesIO(sealed).read, "evidence.blob|x"):
            pass
        unseal.append(time.perf_counter() - start)
        start = time.perf_counter()
        hashlib.sha256(data).hexdigest()
        sha.append(time.perf_counter() - start)
    return {
        "seal_mb_s": megabytes / _best(seal),
        "open_mb_s": megabytes / _best(unseal),
        "sha256_mb_s": megabytes / _best(sha),
        "size_overhead": (len(sealed) - len(data)) / len(data),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--values", type=int, default=20_000)
    parser.add_argument("--megabytes", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "fields": fields(args.values, args.repeats),
        "files": files(args.megabytes, args.repeats),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
