"""Merkle tree hashing, inclusion proofs and consistency proofs as in RFC 6962 and RFC 9162.

Pure Python with no Django, so that the offline package verifier can use it as it is.

A leaf's hash is ``SHA-256(0x00 || data)`` and an inner node's ``SHA-256(0x01 || left || right)``.
The tree over ``n`` leaves splits at ``k``, the largest power of two smaller than ``n``.

Every subtree the RFC algorithms visit starts at a multiple of a power of two at least as large
as itself, so it is covered, left to right, by a few *complete* subtrees (a size that is a power
of two, aligned to its size). Those are addressed as ``(level, index)``: the node at level ``l``
and index ``i`` covers leaves ``[i * 2**l, (i + 1) * 2**l)``. Proof generation therefore works in
two steps: it names the complete nodes it needs (:func:`inclusion_ranges`,
:func:`consistency_ranges`, :func:`complete_nodes`), the caller fetches those hashes from
wherever it keeps them (memory, a database table), and :func:`fold` combines them. That keeps a
proof at a million leaves to a few dozen hash look-ups instead of rehashing the tree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

HASH_SIZE = 32
NodeAddress = tuple[int, int]


class ProofError(ValueError):
    """A proof that does not verify, or a request for a proof that cannot exist."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = hashlib.sha256(b"").digest()


def _split(n: int) -> int:
    """The largest power of two strictly smaller than ``n`` (``n`` > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def reference_root(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH of RFC 6962 section 2.1, written as the RFC writes it; used to check the fast paths."""
    n = len(leaf_hashes)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaf_hashes[0]
    k = _split(n)
    return node_hash(reference_root(leaf_hashes[:k]), reference_root(leaf_hashes[k:]))


def complete_nodes(start: int, end: int) -> list[NodeAddress]:
    """The complete subtrees that cover ``[start, end)`` left to right, largest first."""
    nodes: list[NodeAddress] = []
    while start < end:
        level = (end - start).bit_length() - 1
        if start:
            level = min(level, (start & -start).bit_length() - 1)
        nodes.append((level, start >> level))
        start += 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """Combine the hashes of :func:`complete_nodes` into the subtree hash, right to left."""
    if not hashes:
        return EMPTY_ROOT
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The subtrees ``[start, end)`` whose hashes form PATH(index, D[0:size]), leaf end first."""
    if not 0 <= index < size:
        raise ProofError(f"entry {index} is not in a tree of {size} entries")
    ranges: list[tuple[int, int]] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
    ranges.reverse()
    return ranges


def consistency_ranges(old_size: int, new_size: int) -> list[tuple[int, int]]:
    """The subtrees whose hashes form PROOF(old_size, D[0:new_size]) (RFC 6962 section 2.1.2)."""
    if not 0 < old_size <= new_size:
        raise ProofError(f"no consistency proof from {old_size} to {new_size} entries")
    ranges: list[tuple[int, int]] = []
    start, end, m, complete = 0, new_size, old_size, True
    while True:
        n = end - start
        if m == n:
            if not complete:
                ranges.append((start, end))
            break
        k = _split(n)
        if m <= k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
            m -= k
            complete = False
    ranges.reverse()
    return ranges


def resolve(
    ranges: Iterable[tuple[int, int]], lookup: Callable[[list[NodeAddress]], dict]
) -> list[bytes]:
    """Fetch, in one call to ``lookup``, every complete node the ranges need, and fold them."""
    plans = [complete_nodes(start, end) for start, end in ranges]
    wanted = sorted({address for plan in plans for address in plan})
    found = lookup(wanted)
    missing = [address for address in wanted if address not in found]
    if missing:
        raise ProofError(f"node hashes missing for {missing[:3]}")
    return [fold([found[address] for address in plan]) for plan in plans]


def verify_inclusion(
    leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes
) -> None:
    """RFC 9162 section 2.1.3.2; raises :class:`ProofError` unless ``leaf`` is in the tree."""
    if not 0 <= index < size:
        raise ProofError(f"entry {index} is not in a tree of {size} entries")
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            raise ProofError("the inclusion proof is longer than the tree is deep")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("the inclusion proof is shorter than the tree is deep")
    if r != root:
        raise ProofError("the inclusion proof does not lead to the root hash")


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """RFC 9162 section 2.1.4.2; raises :class:`ProofError` unless the new tree extends the old."""
    if not 0 < old_size <= new_size:
        raise ProofError(f"no consistency proof from {old_size} to {new_size} entries")
    if old_size == new_size:
        if proof:
            raise ProofError("a proof between trees of equal size must be empty")
        if old_root != new_root:
            raise ProofError("two trees of the same size have different roots")
        return
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    if not path:
        raise ProofError("the consistency proof is empty")
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("the consistency proof is too long")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("the consistency proof is too short")
    if fr != old_root:
        raise ProofError("the consistency proof does not lead to the old root")
    if sr != new_root:
        raise ProofError("the consistency proof does not lead to the new root")


class MerkleTree:
    """Every complete subtree hash of a list of leaves, kept level by level in flat byte strings.

    Level ``l`` holds ``size >> l`` hashes of 32 bytes each; a million leaves take 64 MB in all,
    and the root of any prefix, any inclusion proof and any consistency proof are then a few
    dozen slices away.
    """

    def __init__(self, leaf_hashes: bytes | bytearray = b"") -> None:
        if len(leaf_hashes) % HASH_SIZE:
            raise ValueError("leaf hashes must be 32 bytes each")
        self.levels: list[bytearray] = [bytearray(leaf_hashes)]
        self._build(0)

    @classmethod
    def from_leaves(cls, leaves: Iterable[bytes]) -> MerkleTree:
        return cls(b"".join(leaf_hash(data) for data in leaves))

    @property
    def size(self) -> int:
        return len(self.levels[0]) // HASH_SIZE

    def _build(self, old_size: int) -> None:
        """Add the complete nodes that the leaves after ``old_size`` finished."""
        level, first = 0, old_size
        while True:
            below = self.levels[level]
            count = len(below) // HASH_SIZE
            if count < 2:
                break
            if level + 1 == len(self.levels):
                self.levels.append(bytearray())
            above = self.levels[level + 1]
            have = len(above) // HASH_SIZE
            first = min(first >> 1, have)
            del above[first * HASH_SIZE :]
            view = memoryview(below)
            sha256 = hashlib.sha256
            parts = [
                sha256(b"\x01" + view[2 * i * HASH_SIZE : (2 * i + 2) * HASH_SIZE]).digest()
                for i in range(first, count // 2)
            ]
            above += b"".join(parts)
            level += 1

    def append(self, leaf_hashes: bytes) -> None:
        old_size = self.size
        self.levels[0] += leaf_hashes
        self._build(old_size)

    def node(self, level: int, index: int) -> bytes:
        data = self.levels[level]
        return bytes(data[index * HASH_SIZE : (index + 1) * HASH_SIZE])

    def lookup(self, addresses: list[NodeAddress]) -> dict[NodeAddress, bytes]:
        return {address: self.node(*address) for address in addresses}

    def leaf(self, index: int) -> bytes:
        return self.node(0, index)

    def root(self, size: int | None = None) -> bytes:
        size = self.size if size is None else size
        if not 0 <= size <= self.size:
            raise ProofError(f"the tree has {self.size} entries, not {size}")
        return fold([self.node(*address) for address in complete_nodes(0, size)])

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        size = self.size if size is None else size
        return resolve(inclusion_ranges(index, size), self.lookup)

    def consistency_proof(self, old_size: int, new_size: int | None = None) -> list[bytes]:
        new_size = self.size if new_size is None else new_size
        return resolve(consistency_ranges(old_size, new_size), self.lookup)
