#!/usr/bin/env bash
# Installs what Guwah's tests need from Debian's packages: Chromium (driven by Playwright in the
# browser tests), CJK fonts (so Chinese names render in screenshots and PDFs, not as boxes), and
# what WeasyPrint needs to write the UN submissions' PDFs, and gettext for the translations.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
# WeasyPrint lays out the UN submissions' PDFs with Pango; pdftoppm turns them into page images.
# gettext's msgfmt compiles the interface's translations at install, xgettext and msgmerge refresh them.
for package in libpango-1.0-0 libpangoft2-1.0-0 poppler-utils gettext; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian's packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
