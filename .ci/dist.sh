#!/usr/bin/env bash
# make dist: the packages chapter leads download, written to dist/ by `fyne package`
# (fyne.io/tools, pinned in go.mod):
#   ChapterDesk-<version>-linux-amd64.tar.xz   the binary, the .desktop entry, the icon
#                                              and a Makefile to install them
#   ChapterDesk-<version>-windows-amd64.zip    ChapterDesk.exe, cross-built with MinGW-w64,
#                                              with its icon, version info and manifest
# `.ci/dist.sh macos` makes ChapterDesk-<version>-macos-<arch>.zip instead, on a Mac.
#
# fyne package -release builds with -trimpath, -ldflags "-s -w" (and -H=windowsgui for
# Windows) and the release tag, and adds migrated_fynedo because FyneApp.toml has
# [Migrations] fyneDo = true. It reads FyneApp.toml beside the main package only, so a
# copy is put in cmd/chapterdesk for the time of packaging (its icon path made relative
# to it) and removed after, with whatever else fyne package leaves there when stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
name=$(sed -n 's/^Name = "\(.*\)"/\1/p' FyneApp.toml)
version=$(sed -n 's/^Version = "\(.*\)"/\1/p' FyneApp.toml)
src=cmd/chapterdesk

# Built first, not run as `go tool fyne`: with the MinGW CC in the environment, `go
# tool` would build the tool itself with it.
go build -o bin/fyne fyne.io/tools/cmd/fyne

# A stray fyne.syso (a Windows object) would break every later build of the package.
leftovers=("$src/FyneApp.toml" "$src/fyne.syso" "$src/fyne_metadata_init.go"
  "$src/chapterdesk" "$src/chapterdesk.exe" "$src/chapterdesk.exe.manifest" "$src/$name.exe"
  tmp-pkg "$name.tar.xz" "$name.app" dist/.stage)
cleanup() { rm -rf "${leftovers[@]}"; }
cleanup
trap cleanup EXIT
sed 's|^Icon = "|Icon = "../../|' FyneApp.toml >"$src/FyneApp.toml"
mkdir -p dist/.stage
package() { ./bin/fyne package -release --src "$src" "$@"; }

if [ "${1:-}" = macos ]; then
  package -os darwin
  zip=dist/$name-$version-macos-$(uname -m).zip
  ditto -c -k --sequesterRsrc --keepParent "$name.app" "$zip"
  ls -l "$zip"
  exit 0
fi

linux=dist/$name-$version-linux-amd64.tar.xz
GOARCH=amd64 package -os linux
mv "$name.tar.xz" "$linux"

# fyne package embeds the icon it is given as one PNG entry of the .exe's icon, and
# Windows reads at most 256x256 there.
windows=dist/$name-$version-windows-amd64.zip
convert assets/icon.png -resize 256x256 dist/.stage/icon-256.png
GOARCH=amd64 CC=x86_64-w64-mingw32-gcc package -os windows --icon "$PWD/dist/.stage/icon-256.png"
mv "$src/$name.exe" dist/.stage/
rm -f "$windows"
(cd dist/.stage && zip -q -X "../${windows#dist/}" "$name.exe")
ls -l "$linux" "$windows"
