#!/usr/bin/env bash
# Start time of the desktop app: launches BIN on DB under Xvfb and prints how long the
# window took to be mapped, then how long until the title names the chapter (the
# dashboard has read the file), polling every 50 ms with xwininfo. A missing DB is a fresh file.
# RUNS=N repeats it; each run starts a new app (the file cache stays warm after run 1).
# Usage: .ci/starttime.sh BIN DB
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BIN DB" >&2; exit 2; }
bin=$(readlink -f "$1") db=$2
runs=${RUNS:-1}
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
bin=$1 db=$2 runs=$3
ms() { echo $(( ($(date +%s%N) - start) / 1000000 )); }
title() { xwininfo -root -tree 2>/dev/null | grep -o "\"ChapterDesk[^\"]*\"" | head -1; }
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$bin" --db "$db" >/dev/null 2>&1 & app=$!
  mapped=""
  while [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 30000 ]; do
    t=$(title)
    if [ -n "$t" ]; then
      id=$(xwininfo -root -tree | grep "\"ChapterDesk" | head -1 | awk "{print \$1}")
      if xwininfo -id "$id" 2>/dev/null | grep -q "IsViewable"; then
        mapped=$(ms); echo "window after $mapped ms (title $t)"; break
      fi
    fi
    kill -0 $app 2>/dev/null || { echo "the app exited before opening a window" >&2; exit 1; }
    sleep 0.05
  done
  [ -n "$mapped" ] || { kill $app; echo "no ChapterDesk window after 30 s" >&2; exit 1; }
  # The window opens titled "ChapterDesk <version>"; the dashboard names the chapter
  # once it has read the file. A fresh file has no chapter yet: give up after 10 s.
  while [ $(( ($(date +%s%N) - start) / 1000000 )) -lt $((mapped + 10000)) ]; do
    t=$(title)
    case $t in "\"ChapterDesk\"" | "\"ChapterDesk "[0-9]*[0-9]"\"") ;;
      *) echo "chapter in the title after $(ms) ms (title $t)"; break ;; esac
    sleep 0.05
  done
  kill $app; wait $app 2>/dev/null || true
done' _ "$bin" "$db" "$runs"
