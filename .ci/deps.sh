#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, test and run ChapterDesk:
# the C headers Fyne's cgo OpenGL/X11/Wayland build needs, and the tools the checks use
# (Xvfb and x11-utils for the window check, ImageMagick for screenshots, poppler for
# PDFs), and Debian's PostgreSQL server, which the tests start a throwaway copy of (in a
# temporary folder, on a Unix socket) to run the Store on a server. Idempotent and quiet: it only calls apt when something is missing.
# `deps.sh dist` installs what `make dist` needs on top: MinGW-w64 to cross-build the
# Windows app, and the archivers and checkers of the packages. `deps.sh bench` installs
# what the peer benchmarks compare with (`make bench-peers`): Debian's sqlite3 shell,
# and strace, with which `make bench` times the verbs' start-up.
set -euo pipefail

pkgs=(gcc libc6-dev pkg-config make libgl-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
  xvfb xauth x11-utils imagemagick poppler-utils time postgresql)
if [ "${1:-}" = dist ]; then
  pkgs+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 zip xz-utils file)
fi
if [ "${1:-}" = bench ]; then
  pkgs+=(sqlite3 python3 strace)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "ChapterDesk needs these packages: ${missing[*]}" >&2
      echo "Install them as root: apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null || true
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null 2>&1 && [ ! -x /usr/local/go/bin/go ]; then
  echo "ChapterDesk needs Go 1.26 or newer (https://go.dev/dl/)" >&2
  exit 1
fi
