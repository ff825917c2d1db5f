#!/usr/bin/env bash
# Smoke check of the real binary: the verbs on a demo database, bad input refused with
# one line, and the desktop window opening under Xvfb (found by its title).
# (grep without -q in a pipeline: -q stops reading at the first match, and under
# pipefail the verb writing the rest of its lines then fails with SIGPIPE, exit 141.)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=bin/chapterdesk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" demo --volunteers 500 --calls 5000 --db "$tmp/demo.db" >/dev/null
"$bin" stats --db "$tmp/demo.db" | grep -x "volunteers: 500" >/dev/null
"$bin" stats --db "$tmp/demo.db" | grep -x "call_reports: 5000" >/dev/null
# Printables: a Spanish tri-fold, the phone bank's call sheets, the campaign list.
"$bin" leaflet "$tmp/leaflet.pdf" --lang es --layout trifold --db "$tmp/demo.db" >/dev/null
"$bin" callsheets "$tmp/calls.pdf" --volunteers tag:phonebank --db "$tmp/demo.db" >/dev/null
head -c 5 "$tmp/leaflet.pdf" | grep -q '%PDF-' && head -c 5 "$tmp/calls.pdf" | grep -q '%PDF-'
"$bin" campaign list --db "$tmp/demo.db" | grep "^1	" >/dev/null
[ "$(stat -c %a "$tmp/demo.db")" = 600 ] || { echo "smoke: demo database is not mode 0600" >&2; exit 1; }
if "$bin" demo --volunteers -5 --db "$tmp/bad.db" 2>"$tmp/err"; then
  echo "smoke: --volunteers -5 was accepted" >&2; exit 1
fi
[ "$(wc -l <"$tmp/err")" = 1 ] && [ ! -e "$tmp/bad.db" ] || { echo "smoke: bad input not refused cleanly" >&2; exit 1; }

# Data safety: the trash verb, a locked hand-off bundle round trip, the wrong passphrase.
"$bin" trash --db "$tmp/demo.db" | grep -x "the trash is empty" >/dev/null
printf 'correct horse battery staple\n' >"$tmp/pass"; printf 'not the passphrase\n' >"$tmp/wrong"
"$bin" bundle export "$tmp/hand-off.cdbundle" --passphrase-file "$tmp/pass" --db "$tmp/demo.db" >/dev/null
[ "$(stat -c %a "$tmp/hand-off.cdbundle")" = 600 ] || { echo "smoke: bundle is not mode 0600" >&2; exit 1; }
if "$bin" bundle open "$tmp/hand-off.cdbundle" --to "$tmp/x.db" --passphrase-file "$tmp/wrong" 2>"$tmp/err"; then
  echo "smoke: a wrong passphrase opened the bundle" >&2; exit 1
fi
grep -q "the passphrase does not open this bundle" "$tmp/err" || { echo "smoke: wrong passphrase message: $(cat "$tmp/err")" >&2; exit 1; }
"$bin" bundle open "$tmp/hand-off.cdbundle" --to "$tmp/opened.db" --passphrase-file "$tmp/pass" >/dev/null
"$bin" stats --db "$tmp/opened.db" | grep -x "volunteers: 500" >/dev/null

# Without a display the window is refused in one line, not with a GLFW panic.
if env -u DISPLAY -u WAYLAND_DISPLAY "$bin" --db "$tmp/demo.db" 2>"$tmp/err"; then
  echo "smoke: the app started without a display" >&2; exit 1
fi
[ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "there is no display" "$tmp/err" || { echo "smoke: no display: $(head -3 "$tmp/err")" >&2; exit 1; }

# A Go panic or fatal error in the app's output fails the smoke even when the app
# went on or quit anyway: a refresh that came back after the window closed once
# panicked in GLFW on the way out, after the window had been found.
no_panic() {
  if grep -qE '^(panic: |fatal error: )' "$1"; then
    sed -En '/^(panic: |fatal error: )/,+30p' "$1" >&2
    echo "smoke: the app $2 (its output above)" >&2; exit 1
  fi
}

# The window: start the app under Xvfb and wait for a top-level window titled ChapterDesk.
cat >"$tmp/window.sh" <<SH
"$PWD/$bin" --db "$tmp/demo.db" >"$tmp/window.log" 2>&1 & app=\$!
for i in \$(seq 1 60); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"ChapterDesk'; then
    xwininfo -root -tree | grep '"ChapterDesk' | head -1
    # SIGTERM (a logout, a kill) ends the app the normal way, as Ctrl-C does.
    kill \$app
    for j in \$(seq 1 40); do kill -0 \$app 2>/dev/null || exit 0; sleep 0.5; done
    kill -9 \$app; echo "smoke: the app did not quit on SIGTERM" >&2; exit 1
  fi
  kill -0 \$app 2>/dev/null || { echo "smoke: the app exited before opening a window" >&2; exit 1; }
  sleep 0.5
done
kill \$app; echo "smoke: no ChapterDesk window after 30 s" >&2; exit 1
SH
xvfb-run -a -s "-screen 0 1280x800x24" bash "$tmp/window.sh" || { tail -20 "$tmp/window.log" >&2; exit 1; }
no_panic "$tmp/window.log" "panicked on SIGTERM"

# An open window with nothing to do does nothing: 15 s of the idle app cost 14.5 s of
# CPU while a hidden progress bar went on animating (ui/endlessbar.go), 0.5-0.7 s
# since. Refused above a third of the time, far from both.
xvfb-run -a -s "-screen 0 1280x800x24" /usr/bin/time -o "$tmp/idle" -f "%U %S" \
  timeout 15 "$bin" --db "$tmp/demo.db" >"$tmp/idle.log" 2>&1 || true
no_panic "$tmp/idle.log" "panicked when idle or on its timeout"
idle=$(tail -n 1 "$tmp/idle" | awk '{ printf "%.1f", $1 + $2 }')
awk -v c="$idle" 'BEGIN { exit !(c < 5) }' || { echo "smoke: the idle app used $idle s of CPU in 15 s" >&2; exit 1; }
echo "smoke: ok (the idle app used $idle s of CPU in 15 s)"
