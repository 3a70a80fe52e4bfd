#!/bin/sh
# Installs what the blind-corpus producers need (Debian + PyPI + npm). Idempotent.
# Run as root (or with the venv's pip for the Python part). Never touches the parser.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
need=""
for p in pandoc:pandoc chromium:chromium soffice:libreoffice-writer pdftoppm:poppler-utils node:nodejs npm:npm; do
  cmd=${p%%:*}; pkg=${p#*:}
  command -v "$cmd" >/dev/null 2>&1 || need="$need $pkg"
done
fc-list ":charset=1ee5" family | grep -qi "Liberation Serif" || need="$need fonts-liberation2"  # Vietnamese glyphs (1.x lacks them)
fc-list | grep -qi "DejaVu Serif" || need="$need fonts-dejavu-core"
fc-list | grep -qi "Noto Serif" || need="$need fonts-noto-core"
if [ -n "$need" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need
fi
PY=${PY:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=python3
"$PY" -m pip install --quiet python-docx reportlab Pillow numpy
# npm 'docx' (a second, independent OOXML writer) in bench/blind/node_modules (not committed)
cd "$HERE" && [ -d node_modules/docx ] || npm install --silent --no-audit --no-fund --prefix "$HERE" docx@9
