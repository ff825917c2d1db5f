#!/usr/bin/env bash
# Checks what `make dist` made, as a chapter lead would get it: the Linux tarball holds
# the binary, the .desktop entry, the icon and the install Makefile, and its binary is a
# trimmed release build that prints the FyneApp.toml version and opens a window under
# Xvfb; the Windows zip holds ChapterDesk.exe, a GUI-subsystem x86-64 program with the
# icon, version info and manifest embedded, built the same way.
# Usage: .ci/dist-check.sh (after make dist)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
version=$(sed -n 's/^Version = "\(.*\)"/\1/p' FyneApp.toml)
id=$(sed -n 's/^ID = "\(.*\)"/\1/p' FyneApp.toml)
linux=dist/ChapterDesk-$version-linux-amd64.tar.xz
windows=dist/ChapterDesk-$version-windows-amd64.zip
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "dist-check: $*" >&2; exit 1; }

# A release build: -trimpath and -tags migrated_fynedo (and fyne's release), as the
# build info says. It leaves out -ldflags under -trimpath: "-s -w" is checked by the
# missing symbols and DWARF instead.
release_build() {
  local info
  info=$(go version -m "$1")
  grep -E -- '-tags=|-trimpath=' <<<"$info"
  grep -q -- '-trimpath=true' <<<"$info" || fail "$1 is not built with -trimpath"
  grep -Eq -- '-tags=(.*,)?migrated_fynedo(,|$)' <<<"$info" || fail "$1 is not built with -tags migrated_fynedo"
}

echo "== $linux ($(stat -c %s "$linux") bytes)"
tar -tJf "$linux" | sort >"$tmp/list"
for f in Makefile usr/local/bin/chapterdesk "usr/local/share/applications/$id.desktop" \
  "usr/local/share/pixmaps/$id.png"; do
  grep -qx "chapterdesk/$f" "$tmp/list" || fail "$linux lacks chapterdesk/$f"
done
tar -xJf "$linux" -C "$tmp"
bin=$tmp/chapterdesk/usr/local/bin/chapterdesk
file "$bin"
file "$bin" | grep -Eq 'ELF 64-bit.*x86-64.*, stripped$' || fail "the Linux binary is not a stripped x86-64 ELF"
release_build "$bin"
! readelf -S "$bin" | grep -Eq '\.(z?debug_|symtab)' || fail "the Linux binary has symbols or DWARF (no -s -w)"
[ "$("$bin" --version)" = "chapterdesk $version" ] || fail "the Linux binary says $("$bin" --version), FyneApp.toml $version"
desktop=$tmp/chapterdesk/usr/local/share/applications/$id.desktop
cat "$desktop"
grep -qx "Exec=chapterdesk" "$desktop" || fail "the .desktop entry does not run chapterdesk"
grep -q "^Categories=" "$desktop" || fail "the .desktop entry has no Categories (FyneApp.toml [LinuxAndBSD])"
ls -l "$bin"
bash .ci/starttime.sh "$bin" "$tmp/fresh.db"

echo "== $windows ($(stat -c %s "$windows") bytes)"
[ "$(unzip -Z1 "$windows")" = ChapterDesk.exe ] || fail "$windows should hold ChapterDesk.exe alone"
unzip -q "$windows" -d "$tmp/win"
exe=$tmp/win/ChapterDesk.exe
file "$exe"
file "$exe" | grep -q 'PE32+ executable (GUI) x86-64' || fail "ChapterDesk.exe is not a PE32+ GUI x86-64 executable"
x86_64-w64-mingw32-objdump -p "$exe" >"$tmp/pe"
grep -E '^Subsystem' "$tmp/pe"
grep -Eq '^Subsystem[[:space:]]+00000002' "$tmp/pe" || fail "ChapterDesk.exe is not in the Windows GUI subsystem"
grep -E 'Resource Directory \[\.rsrc\]' "$tmp/pe"
# Resource types at the top of .rsrc: 0x0e RT_GROUP_ICON, 0x10 RT_VERSION, 0x18 RT_MANIFEST.
for t in 00000e:icon 000010:version 000018:manifest; do
  grep -Eq "^[0-9a-f]+   Entry: ID: 0x${t%%:*}," "$tmp/pe" || fail "ChapterDesk.exe has no embedded ${t#*:}"
  echo "resource: ${t#*:} (type 0x${t%%:*})"
done
strings -el "$exe" | grep -A1 -x ProductVersion | tail -1 | grep -qx "$version\.[0-9]*" ||
  fail "ChapterDesk.exe's version info is not $version"
release_build "$exe"
! x86_64-w64-mingw32-objdump -h "$exe" | grep -Eq '\.z?debug_' || fail "ChapterDesk.exe has DWARF (no -w)"
grep -q 'symbols stripped' "$tmp/pe" || fail "ChapterDesk.exe has symbols (no -s)"
ls -l "$exe"
echo "dist-check: ok"
