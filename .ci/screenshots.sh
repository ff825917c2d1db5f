#!/usr/bin/env bash
# Runs the real app under Xvfb on a data file and captures every screen into a
# folder: the app shows each screen and prints "shot PATH"; this script captures
# the display into PATH with ImageMagick, which tells the app to go on.
# The app works on a copy of DB: the import wizard's shots really import (and undo)
# a few volunteers, and the app makes its daily backup; the demo stays as it was.
# Usage: .ci/screenshots.sh BIN DB DIR
set -euo pipefail
bin=$1 src=$2 dir=$3
rm -rf "$dir"
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/$(basename "$src")
cp "$src" "$db"
if [ -f "$src-wal" ]; then cp "$src-wal" "$db-wal"; fi
export CHAPTERDESK_SCREENSHOTS=$dir
# -noreset etc. are Xvfb defaults; 24-bit colour so the PNGs look like a laptop screen.
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$0" --db "$1" 2>"$2/app.log" | while read -r kind path; do
    [ "$kind" = shot ] || continue
    import -window root "$path.tmp.png" && mv "$path.tmp.png" "$path"
  done' "$bin" "$db" "$dir"
ls "$dir"/*.png
