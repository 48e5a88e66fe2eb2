"""The Merkle tree against the RFC 6962 reference vectors and against the RFC's own definition."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guwah.evidence import merkle

# The eight leaves and their expected hashes are the reference vectors of the
# certificate-transparency project's merkle_tree_test.
LEAVES = [
    bytes.fromhex(h)
    for h in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
]  # fmt: skip
CONSISTENCY = [
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]  # fmt: skip


@pytest.fixture
def tree() -> merkle.MerkleTree:
    return merkle.MerkleTree.from_leaves(LEAVES)


def test_the_empty_tree_hashes_to_the_hash_of_nothing() -> None:
    assert merkle.MerkleTree().root().hex() == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


@pytest.mark.parametrize("size", range(1, 9))
def test_it_computes_the_reference_roots(tree: merkle.MerkleTree, size: int) -> None:
    assert tree.root(size).hex() == ROOTS[size - 1]
    assert (
        merkle.reference_root([merkle.leaf_hash(x) for x in LEAVES[:size]]).hex() == ROOTS[size - 1]
    )


@pytest.mark.parametrize(("index", "size", "expected"), INCLUSION)
def test_it_gives_the_reference_inclusion_proofs(
    tree: merkle.MerkleTree, index: int, size: int, expected: list[str]
) -> None:
    proof = tree.inclusion_proof(index, size)
    assert [p.hex() for p in proof] == expected
    merkle.verify_inclusion(tree.leaf(index), index, size, proof, bytes.fromhex(ROOTS[size - 1]))


@pytest.mark.parametrize(("old", "new", "expected"), CONSISTENCY)
def test_it_gives_the_reference_consistency_proofs(
    tree: merkle.MerkleTree, old: int, new: int, expected: list[str]
) -> None:
    proof = tree.consistency_proof(old, new)
    assert [p.hex() for p in proof] == expected
    merkle.verify_consistency(
        old, new, bytes.fromhex(ROOTS[old - 1]), bytes.fromhex(ROOTS[new - 1]), proof
    )


def test_it_refuses_an_inclusion_proof_with_a_flipped_byte(tree: merkle.MerkleTree) -> None:
    proof = tree.inclusion_proof(5, 8)
    proof[1] = bytes([proof[1][0] ^ 1]) + proof[1][1:]
    with pytest.raises(merkle.ProofError):
        merkle.verify_inclusion(tree.leaf(5), 5, 8, proof, tree.root(8))


def test_it_refuses_a_proof_for_an_entry_beyond_the_tree(tree: merkle.MerkleTree) -> None:
    with pytest.raises(merkle.ProofError):
        tree.inclusion_proof(8, 8)
    with pytest.raises(merkle.ProofError):
        merkle.verify_inclusion(tree.leaf(0), 8, 8, [], tree.root(8))


sizes = st.integers(min_value=1, max_value=70)


@given(st.data())
def test_every_inclusion_proof_verifies_and_matches_the_rfc_definition(data) -> None:
    size = data.draw(sizes)
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    leaves = [i.to_bytes(4, "big") for i in range(size)]
    tree = merkle.MerkleTree.from_leaves(leaves)
    hashes = [merkle.leaf_hash(x) for x in leaves]
    assert tree.root() == merkle.reference_root(hashes)
    proof = tree.inclusion_proof(index)
    merkle.verify_inclusion(hashes[index], index, size, proof, tree.root())
    # A proof for the wrong position, or against a different root, never verifies.
    if size > 1:
        other = (index + 1) % size
        with pytest.raises(merkle.ProofError):
            merkle.verify_inclusion(hashes[other], index, size, proof, tree.root())


@given(st.data())
def test_every_consistency_proof_verifies_and_a_rewritten_history_does_not(data) -> None:
    new = data.draw(sizes)
    old = data.draw(st.integers(min_value=1, max_value=new))
    leaves = [i.to_bytes(4, "big") for i in range(new)]
    tree = merkle.MerkleTree.from_leaves(leaves)
    proof = tree.consistency_proof(old, new)
    merkle.verify_consistency(old, new, tree.root(old), tree.root(new), proof)
    forged = merkle.MerkleTree.from_leaves([b"forged", *leaves[1:]])
    if old < new:
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(old, new, forged.root(old), tree.root(new), proof)


@given(st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=8))
def test_appending_in_batches_gives_the_same_tree_as_building_at_once(batches) -> None:
    leaves = [i.to_bytes(4, "big") for i in range(sum(batches))]
    tree = merkle.MerkleTree()
    start = 0
    for batch in batches:
        tree.append(b"".join(merkle.leaf_hash(x) for x in leaves[start : start + batch]))
        start += batch
    whole = merkle.MerkleTree.from_leaves(leaves)
    assert tree.levels == whole.levels
