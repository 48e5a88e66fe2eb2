"""Keys of the names engine before and after a change: identical, and how much faster; prints JSON.

The engine's keys are stored (``Name.match_key``, the search keys), so a change made for speed
must give every key byte for byte as before. This script hashes what the engine computes for
sets of synthetic names (SHA-256 of the outputs, one a line):

* ``unique_100k`` and ``unique_300k``: two-word names of random syllables as informal Latin, the
  names of ``bench/names.py --unique-names`` (their words hardly ever repeat);
* ``repeated_1m``: the million names in six scripts and spellings of ``bench/names.py``;
* ``other_scripts``: words of random syllables written in Uyghur Arabic, Cyrillic and Latin
  script, English, Turkish and German spellings, the New Script, random Chinese characters and
  their pinyin, hashed with ``match_key``, ``phonetic``, ``to_uly``, ``name_parts`` and
  ``whole_key``.

``--against REV`` takes ``guwah/names`` as it is in the git revision REV (read with ``git
archive``, which changes nothing in the tree) into a temporary directory, computes the same
hashes there in a separate process, and compares. ``--time N`` also times ``match_key`` over N
names of unique words and over the million repeated names, in separate processes of both
versions run alternately (processor time, best of three each, from empty caches), for the
ratio of the two measured in the same run.

    .venv/bin/python bench/names_keys.py --against HEAD [--time 1000000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from pypinyin import lazy_pinyin

from guwah.names import chinese, match, uyghur

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import names as bench  # noqa: E402  (bench/names.py, beside this file)


def _digest(values: Iterable[object]) -> str:
    sha = hashlib.sha256()
    for value in values:
        sha.update(repr(value).encode("utf-8"))
        sha.update(b"\n")
    return sha.hexdigest()


def other_script_names(count: int, rng: random.Random) -> list[str]:
    """Names of unique words in every script and spelling the engine reads."""
    table = list(chinese.CHARACTER_READINGS)
    # The New Script's own letters, which make a name read as New Script.
    new_script = str.maketrans({"h": "ⱨ", "q": "ⱪ", "e": "ə"})
    out: list[str] = []
    for index in range(count):
        uly = f"{bench.synthetic_word(rng)} {bench.synthetic_word(rng)}"
        uly = uly.replace("u", rng.choice(["u", "ü", "ö", "o"]), 1).replace("e", "é", index % 2)
        kind = index % 9
        if kind == 0:
            out.append(uyghur.uly_to_uey(uly))
        elif kind == 1:
            out.append(uyghur.capitalize_words(uyghur.uly_to_usy(uly)))
        elif kind == 2:
            out.append(uyghur.capitalize_words(uly))
        elif kind in (3, 4):
            out.append(bench.informal(uly, rng))
        elif kind == 5:
            out.append(uyghur.capitalize_words(uly.translate(new_script)))
        else:
            hanzi = "·".join(
                "".join(rng.choice(table) for _ in range(rng.randint(2, 5))) for _ in range(2)
            )
            if kind == 6:
                out.append(hanzi)
            elif kind == 7:
                out.append(" ".join("".join(lazy_pinyin(w)).capitalize() for w in hanzi.split("·")))
            else:
                out.append(hanzi.replace("·", " ") + " " + uly.title())
    return out


def hashes() -> dict[str, str]:
    out = {
        "unique_100k": _digest(map(match.match_key, bench.unique_names(100_000, random.Random(1)))),
        "unique_300k": _digest(map(match.match_key, bench.unique_names(300_000, random.Random(2)))),
        "repeated_1m": _digest(
            map(match.match_key, bench.mixed_names(1_000_000, random.Random(3)))
        ),
    }
    others = other_script_names(90_000, random.Random(4))
    functions: dict[str, Callable[[str], object]] = {
        "match_key": match.match_key,
        "phonetic": match.phonetic,
        "to_uly": match.to_uly,
        "name_parts": match.name_parts,
        "whole_key": match.whole_key,
    }
    for name, function in functions.items():
        out[f"other_scripts_{name}"] = _digest(map(function, others))
    return out


def time_match_key(names: list[str]) -> float:
    best = float("inf")
    for _ in range(bench.ROUNDS):
        bench.clear_caches()
        start = time.process_time()
        for name in names:
            match.match_key(name)
        best = min(best, time.process_time() - start)
    return best


def _run(pythonpath: str | None, *args: str) -> dict[str, object]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="compare with guwah/names at REV")
    parser.add_argument("--time", type=int, default=0, metavar="N", help="time N unique names")
    parser.add_argument("--rounds", type=int, default=3, help="alternations of --time")
    parser.add_argument("--no-hash", action="store_true", help="only time, with --against")
    parser.add_argument("--child", choices=["hash", "time"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "hash":
        print(json.dumps({**hashes(), "engine": match.__file__}))
        return
    if args.child == "time":
        unique = bench.unique_names(args.time, random.Random(20260525))
        repeated = bench.mixed_names(1_000_000, random.Random(20260525))
        seconds = {"unique": time_match_key(unique), "repeated": time_match_key(repeated)}
        print(json.dumps({**seconds, "engine": match.__file__}))
        return
    report: dict[str, object] = {"data": "synthetic", "loadavg": os.getloadavg()}
    if not args.against:
        report["hashes"] = hashes()
        print(json.dumps(report, indent=2))
        return
    with tempfile.TemporaryDirectory() as old:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.against, "guwah/names"],
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", old], input=archive.stdout, check=True)
        (Path(old) / "guwah" / "__init__.py").touch()
        report["against"] = args.against
        if not args.no_hash:
            before = _run(old, "--child", "hash")
            after = _run(None, "--child", "hash")
            report["engines"] = [before.pop("engine"), after.pop("engine")]
            report["identical"] = {name: before[name] == after[name] for name in after}
            report["all_identical"] = before == after
        if args.time:
            times: dict[str, dict[str, list[float]]] = {
                kind: {"before": [], "after": []} for kind in ("unique", "repeated")
            }
            for _ in range(args.rounds):
                for label, path in (("before", old), ("after", None)):
                    child = _run(path, "--child", "time", "--time", str(args.time))
                    for kind, runs in times.items():
                        runs[label].append(round(float(str(child[kind])), 3))
            report["match_key_seconds"] = {
                "unique_names": args.time,
                "repeated_names": 1_000_000,
                **times,
                "after_over_before": {
                    kind: round(min(runs["after"]) / min(runs["before"]), 3)
                    for kind, runs in times.items()
                },
            }
            report["loadavg_after"] = os.getloadavg()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
