#!/usr/bin/env bash
# make verify: the coalition workbook opens in a real spreadsheet reader. LibreOffice
# (headless) converts every sheet to CSV, and the numbers in those CSVs must match
# the store's own counts (chapterdesk stats).
set -euo pipefail
BIN=${BIN:-bin/chapterdesk}
OUT=${OUT:-.demo/verify}
if ! command -v soffice >/dev/null; then
	echo "verify: LibreOffice is not installed (apt-get install libreoffice-calc-nogui)" >&2
	exit 1
fi
rm -rf "$OUT"; mkdir -p "$OUT"
"$BIN" demo --volunteers 3000 --calls 30000 --seed 5 --as-of 2026-11-20 --db "$OUT/chapter.db" >/dev/null
"$BIN" demo --volunteers 1000 --calls 10000 --seed 6 --as-of 2026-11-20 --db "$OUT/other.db" >/dev/null
"$BIN" merge "$OUT/other.db" --db "$OUT/chapter.db"
"$BIN" report "$OUT/all.xlsx" --all --to 2026-11-20 --db "$OUT/chapter.db"
"$BIN" report "$OUT/safe.xlsx" --from 2026-10-22 --to 2026-11-20 --coalition-safe --db "$OUT/chapter.db"
"$BIN" stats --json --db "$OUT/chapter.db" > "$OUT/stats.json"
for book in all safe; do
	# Filter options: comma, double quote, UTF-8, from line 1, ..., every sheet (-1).
	soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir "$OUT/$book" "$OUT/$book.xlsx" >/dev/null 2>&1
	ls "$OUT/$book"/*.csv >/dev/null
done
python3 - "$OUT" <<'PY'
import csv, json, os, sys
out = sys.argv[1]
stats = json.load(open(os.path.join(out, "stats.json")))
def sheet(book, name):
    with open(os.path.join(out, book, f"{book}-{name}.csv"), encoding="utf-8") as f:
        return list(csv.reader(f))
def summary(book, label):
    for r in sheet(book, "Summary"):
        if r and r[0] == label:
            return int(r[1].replace(",", ""))
    sys.exit(f"verify: no {label!r} in {book} Summary")
def column(rows, header):
    i = rows[0].index(header)
    return sum(int(r[i].replace(",", "")) for r in rows[1:] if r[i])
fails = []
def check(what, got, want):
    print(f"verify: {what}: {got} (want {want}) {'ok' if got == want else 'MISMATCH'}")
    if got != want:
        fails.append(what)
calls = summary("all", "Calls made")
check("all: calls made = store call_reports", calls, stats["call_reports"])
check("all: call log rows", len(sheet("all", "Call log")) - 1, stats["call_reports"])
check("all: roster rows = store volunteers", len(sheet("all", "Volunteers")) - 1, stats["volunteers"])
check("all: volunteers on the roster", summary("all", "Volunteers on the roster"), stats["volunteers"])
for name in ("By legislator", "By district", "By week", "By chapter", "By volunteer"):
    check(f"all: {name} calls", column(sheet("all", name), "Calls"), calls)
check("all: By chapter rows = store chapters", len(sheet("all", "By chapter")) - 1, stats["chapters"])
safe_calls = summary("safe", "Calls made")
check("safe: call log rows = calls made", len(sheet("safe", "Call log")) - 1, safe_calls)
check("safe: By week calls", column(sheet("safe", "By week"), "Calls"), safe_calls)
for name in os.listdir(os.path.join(out, "safe")):
    text = open(os.path.join(out, "safe", name), encoding="utf-8").read()
    if "@" in text:
        fails.append(f"safe: {name} holds an email address")
print(f"verify: {len(os.listdir(os.path.join(out, 'all')))} + {len(os.listdir(os.path.join(out, 'safe')))} sheets converted by LibreOffice")
if fails:
    sys.exit("verify: FAILED: " + "; ".join(fails))
print("verify: ok")
PY
