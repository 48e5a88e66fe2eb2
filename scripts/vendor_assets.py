"""Copy the front-end assets Guwah serves from node_modules into guwah/static/vendor.

They come from the npm registry at build time (``npm ci``), never from a CDN at run time,
and each package's licence travels with it.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "guwah" / "static" / "vendor"

FILES = {
    "htmx.org": ["dist/htmx.min.js", "LICENSE"],
    "leaflet": ["dist/leaflet.js", "dist/leaflet.css", "dist/images", "LICENSE"],
    "topojson-client": ["dist/topojson-client.min.js", "LICENSE"],
    "world-atlas": ["countries-110m.json", "countries-50m.json", "LICENSE"],
    "chart.js": ["dist/chart.umd.min.js", "LICENSE.md"],
}
FONTS = ["@fontsource/noto-naskh-arabic", "@fontsource/noto-sans-sc"]


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
    print(f"Vendored front-end assets into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
