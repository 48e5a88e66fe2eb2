"""Where to put a dot for the states too small to have a shape on the world map.

The map draws Natural Earth's 1:110m shapes (the npm ``world-atlas`` package), which leave out
small island and enclave states such as Andorra, Nauru or Grenada. Their positions matter as
much as anyone's, so the map marks each of them with a dot placed on its largest island as drawn
at 1:50m by the same package. This module reads the two TopoJSON files; it imports no Django.
"""

from __future__ import annotations

import json
from pathlib import Path

from guwah.positions.records import ALPHA_3_BY_NUMERIC


def _decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs as longitude/latitude points, undoing TopoJSON's quantisation and delta coding."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _rings(geometry: dict) -> list[list[int]]:
    if geometry.get("type") == "Polygon":
        return list(geometry["arcs"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def _ring_points(
    ring: list[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc)
    return points


def small_state_points(coarse: Path, detailed: Path) -> dict[str, tuple[float, float]]:
    """``{alpha-3: (latitude, longitude)}`` for each state in ``detailed`` missing in ``coarse``."""
    drawn = {
        geometry.get("id")
        for geometry in json.loads(coarse.read_text())["objects"]["countries"]["geometries"]
    }
    topology = json.loads(detailed.read_text())
    arcs = _decoded_arcs(topology)
    points: dict[str, tuple[float, float]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = ALPHA_3_BY_NUMERIC.get(geometry.get("id", ""))
        if code is None or geometry.get("id") in drawn:
            continue
        rings = [_ring_points(ring, arcs) for ring in _rings(geometry)]
        if not rings:
            continue
        largest = max(rings, key=len)
        longitude = sum(point[0] for point in largest) / len(largest)
        latitude = sum(point[1] for point in largest) / len(largest)
        points[code] = (round(latitude, 3), round(longitude, 3))
    return points
