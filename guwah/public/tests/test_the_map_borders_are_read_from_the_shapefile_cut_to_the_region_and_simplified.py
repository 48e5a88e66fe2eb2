"""The memorial map's borders are built at install by scripts/vendor_assets.py: Natural Earth's
lines are read from the shapefile, cut to the region's box, thinned and written as GeoJSON. Here
on small made-up lines, so no download is needed."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "vendor_assets.py"


@pytest.fixture(scope="module")
def vendor() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vendor_assets", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shapefile(*lines: list[list[tuple[float, float]]]) -> bytes:
    """A .shp main file of PolyLine records, one record a list of parts."""
    records = b""
    for number, parts in enumerate(lines, start=1):
        points = [point for part in parts for point in part]
        starts, total = [], 0
        for part in parts:
            starts.append(total)
            total += len(part)
        content = struct.pack("<i4d2i", 3, 0, 0, 0, 0, len(parts), len(points))
        content += struct.pack(f"<{len(parts)}i", *starts)
        content += struct.pack(f"<{2 * len(points)}d", *[c for point in points for c in point])
        records += struct.pack(">2i", number, len(content) // 2) + content
    header = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(records)) // 2)
    header += struct.pack("<2i", 1000, 3) + struct.pack("<8d", *[0.0] * 8)
    return header + records


def test_every_part_of_every_record_is_read(vendor: ModuleType) -> None:
    data = shapefile([[(80, 40), (81, 41)], [(82, 42), (83, 43), (84, 44)]], [[(1, 2), (3, 4)]])
    assert list(vendor.polylines(data)) == [
        [(80, 40), (81, 41)],
        [(82, 42), (83, 43), (84, 44)],
        [(1, 2), (3, 4)],
    ]


def test_a_line_crossing_the_box_is_cut_at_its_edge(vendor: ModuleType) -> None:
    box = (70.0, 30.0, 90.0, 50.0)
    # In, out across the eastern edge, and back in: two runs, each ending on the edge.
    runs = vendor.clip([(80.0, 40.0), (100.0, 40.0), (100.0, 45.0), (80.0, 45.0)], box)
    assert runs == [[(80.0, 40.0), (90.0, 40.0)], [(90.0, 45.0), (80.0, 45.0)]]
    assert vendor.clip([(0.0, 0.0), (10.0, 10.0)], box) == []


def test_points_within_the_tolerance_of_a_straight_line_are_dropped(vendor: ModuleType) -> None:
    wiggle = [(80.0 + i / 100, 40.0 + (0.001 if i % 2 else 0.0)) for i in range(101)]
    assert vendor.simplify(wiggle, 0.01) == [wiggle[0], wiggle[-1]]
    corner = [(80.0, 40.0), (81.0, 40.0), (81.0, 41.0)]
    assert vendor.simplify(corner, 0.01) == corner


def test_the_geojson_has_one_layer_a_kind_cut_to_the_region(vendor: ModuleType) -> None:
    layers = {
        "countries": shapefile([[(80.0, 40.0), (81.0, 40.5)]], [[(0.0, 0.0), (1.0, 1.0)]]),
        "provinces": shapefile([[(85.0, 60.0), (85.0, 45.0)]]),
    }
    geojson = vendor.boundaries_geojson(layers)
    kinds = {f["properties"]["kind"]: f["geometry"] for f in geojson["features"]}
    assert kinds["countries"] == {
        "type": "MultiLineString",
        "coordinates": [[[80.0, 40.0], [81.0, 40.5]]],
    }
    north = vendor.REGION[3]
    assert kinds["provinces"]["coordinates"] == [[[85.0, north], [85.0, 45.0]]]
    assert all(f["properties"]["source"].startswith("Natural Earth") for f in geojson["features"])
