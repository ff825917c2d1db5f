#!/usr/bin/env bash
# Starts the Windows build under Wine (Debian: apt-get install wine64 wine): prints its
# --version and waits for its window under Xvfb; with SHOT=FILE.png, captures it. Not
# part of CI (Wine is a 100 MB install).
#
# Debian 12's Wine 8.0 lacks bcryptprimitives.dll, whose ProcessPrng every Go 1.22+
# program calls at start-up ("fatal error: bcryptprimitives.dll not found"): the script
# puts a stand-in built with MinGW in its throwaway Wine prefix. Windows 10 and 11 have
# the real one.
# Usage: .ci/wine-check.sh [dist/ChapterDesk-<version>-windows-amd64.zip] [DB]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wine >/dev/null || { echo "wine-check: needs Wine: apt-get install wine64 wine" >&2; exit 1; }
zip=${1:-$(ls dist/ChapterDesk-*-windows-amd64.zip | tail -1)}
tmp=$(mktemp -d)
trap 'WINEPREFIX=$tmp/prefix wineserver -k 2>/dev/null || true; rm -rf "$tmp"' EXIT
db=${2:-$tmp/wine.db}
export WINEPREFIX=$tmp/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="

unzip -q "$zip" -d "$tmp"
cat >"$tmp/bcryptprimitives.c" <<'C'
#include <windows.h>
#include <ntsecapi.h>
/* ProcessPrng as Windows 10 has it, on RtlGenRandom (advapi32). */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
C
x86_64-w64-mingw32-gcc -shared -O2 -o "$tmp/bcryptprimitives.dll" "$tmp/bcryptprimitives.c" -ladvapi32

# All of it on one X display: Wine's first start (the prefix) binds its desktop to it.
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  wineboot -i >/dev/null 2>&1
  cp "$4" "$WINEPREFIX/drive_c/windows/system32/"
  echo "$(wine --version): ChapterDesk.exe --version: $(wine "$1" --version)"
  start=$(date +%s%N)
  wine "$1" --db "$(winepath -w "$2")" >"$3" 2>&1 & app=$!
  for i in $(seq 1 600); do
    if xwininfo -root -tree | grep -q "\"ChapterDesk"; then
      echo "wine: window after $(( ($(date +%s%N) - start) / 1000000 )) ms: $(xwininfo -root -tree | grep -o "\"ChapterDesk[^\"]*\"" | head -1)"
      if [ -n "${SHOT:-}" ]; then sleep 5; import -window root "$SHOT"; echo "wine: screenshot $SHOT"; fi
      kill $app; exit 0
    fi
    sleep 0.05
  done
  kill $app 2>/dev/null; echo "wine: no ChapterDesk window after 30 s:" >&2; tail -40 "$3" >&2; exit 1' _ "$tmp/ChapterDesk.exe" "$db" "$tmp/app.log" "$tmp/bcryptprimitives.dll"
