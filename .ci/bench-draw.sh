#!/usr/bin/env bash
# Issue 17's bar "dashboard with the whip board, 200 legislators, 1M calls: drawn under
# 300 ms", in the real app: its window under Xvfb (1280x1400, the whole board in view)
# on a copy of DB, drawn by the app's own OpenGL painter (Mesa's llvmpipe here: a
# software GL, slower than a laptop's graphics), ROUNDS times (CHAPTERDESK_DRAWTIME).
# Each round reads the dashboard's data, shows it with the whip board built afresh and
# waits for the next frame painted. ui/drawtime.go says how.
# usage: bench-draw.sh BIN DB [ROUNDS]
set -euo pipefail
bin=$(realpath "$1") src=$(realpath "$2") rounds=${3:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$src" "$work/bench.db"
for x in -wal .checked; do if [ -f "$src$x" ]; then cp "$src$x" "$work/bench.db$x"; fi; done
export HOME=$work # no window size or recent files of the person running it
# A first opening of the copy checks it in full in the background (a file changed
# outside ChapterDesk) and seals it when the app closes; the measured run comes after,
# as on a lead's laptop any day but the first.
CHAPTERDESK_DRAWTIME=1 xvfb-run -a -s "-screen 0 1280x1440x24" "$bin" --db "$work/bench.db" >/dev/null 2>"$work/app.log" ||
  { cat "$work/app.log" >&2; exit 1; }
sleep 2
CHAPTERDESK_DRAWTIME=$rounds xvfb-run -a -s "-screen 0 1280x1440x24" "$bin" --db "$work/bench.db" 2>"$work/app.log" ||
  { cat "$work/app.log" >&2; exit 1; }
