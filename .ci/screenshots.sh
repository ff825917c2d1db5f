#!/usr/bin/env bash
# Runs the real app under Xvfb on a data file and captures every screen into a
# folder: the app shows each screen and prints "shot PATH"; this script captures
# the display into PATH with ImageMagick, which tells the app to go on.
# Usage: .ci/screenshots.sh BIN DB DIR
set -euo pipefail
bin=$1 db=$2 dir=$3
rm -rf "$dir"
mkdir -p "$dir"
export CHAPTERDESK_SCREENSHOTS=$dir
# -noreset etc. are Xvfb defaults; 24-bit colour so the PNGs look like a laptop screen.
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$0" --db "$1" 2>"$2/app.log" | while read -r kind path; do
    [ "$kind" = shot ] || continue
    import -window root "$path.tmp.png" && mv "$path.tmp.png" "$path"
  done' "$bin" "$db" "$dir"
ls "$dir"/*.png
