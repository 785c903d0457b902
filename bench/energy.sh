#!/usr/bin/env bash
# Benchmarks energy follow-up at municipal scale, each figure side by side
# with its peer in one run (see bench/README.md):
#
#   1. import of 43.8 M hourly readings (500 buildings × 2 meters × 5 years,
#      Elhub's meter;from;to;kWh) with `virk energy import`, against the
#      sqlite3 shell's .import of the same CSV;
#   2. the bytes the store takes per reading, against sqlite3's table;
#   3. recomputing everything (`virk energy compute`: correction, yearly
#      figures, detection on every meter) against the same computation in
#      pandas (bench/energy_pandas.py, Debian's python3-pandas) on the same
#      data, loaded from NumPy arrays so that pandas is not timed parsing;
#   4. the uncached building page /energi/bygg/ID with wrk, one connection
#      and eight.
#
#   bench/energy.sh                   # 500 buildings, about 15 min
#   BUILDINGS=50 bench/energy.sh      # a smoke run
#
# Settings: BUILDINGS (500), YEARS (5), RUNS (3), OUT (bench/out/energy).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
buildings=${BUILDINGS:-500}
years=${YEARS:-5}
runs=${RUNS:-3}
out=${OUT:-$root/bench/out/energy}
addr=${ADDR:-127.0.0.1:8497}
mkdir -p "$out"
out=$(cd "$out" && pwd)
py=/usr/bin/python3

for c in hyperfine wrk curl sqlite3; do
	command -v $c >/dev/null || { echo "energy.sh: $c is missing (apt-get install $c)" >&2; exit 1; }
done
$py -c 'import pandas' 2>/dev/null || { echo "energy.sh: pandas is missing (apt-get install python3-pandas)" >&2; exit 1; }

go build -o "$out/virk" ./cmd/virk
go build -o "$out/energygen" ./bench/energygen
data="$out/data"
if [ ! -f "$data/readings.csv" ] || [ "$(cat "$data/size" 2>/dev/null)" != "$buildings×$years" ]; then
	echo "generating $buildings buildings × 2 meters × $years years into $data" >&2
	rm -rf "$data"
	"$out/energygen" -out "$data" -buildings "$buildings" -years "$years"
	echo "$buildings×$years" >"$data/size"
fi
readings=$(($(wc -l <"$data/readings.csv") - 1))
echo "$readings readings, $(du -h "$data/readings.csv" | cut -f1) of CSV" >&2

# A store with the weather and the registers: every import starts from it.
tmpl="$out/template.db"
rm -f "$tmpl" "$tmpl"-*
"$out/virk" energy weather --db "$tmpl" "$data/temperatur.csv" "$data/normaler.txt" >/dev/null
"$out/virk" energy buildings --db "$tmpl" "$data/bygg.csv" "$data/malere.csv" >/dev/null
sqlite3 "$tmpl" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null

cat >"$out/sqlite3-import.sql" <<EOF
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE reading (meter TEXT, fra TEXT, til TEXT, kwh REAL);
.mode csv
.separator ;
.import --skip 1 $data/readings.csv reading
EOF

echo "== 1. import" >&2
hyperfine --runs "$runs" --export-json "$out/import.json" --export-markdown "$out/import.md" \
	--prepare "rm -f $out/e.db* $out/s.db*; cp $tmpl $out/e.db; sync" \
	-n "virk energy import" "$out/virk energy import --no-compute --db $out/e.db $data/readings.csv" \
	-n "sqlite3 .import" "sqlite3 $out/s.db '.read $out/sqlite3-import.sql'"

echo "== peak memory of the import" >&2
rm -f "$out/e.db"*
cp "$tmpl" "$out/e.db"
/usr/bin/time -v "$out/virk" energy import --no-compute --db "$out/e.db" "$data/readings.csv" 2>"$out/import-time.txt" >/dev/null
rss=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}' "$out/import-time.txt")

echo "== 2. storage" >&2
ours=$(sqlite3 "$out/e.db" "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('reading_block', 'sqlite_autoindex_reading_block_1')")
theirs=$(sqlite3 "$out/s.db" "SELECT SUM(pgsize) FROM dbstat WHERE name = 'reading'")

echo "== 3. recompute" >&2
$py bench/energy_pandas.py prepare "$data" >/dev/null
"$out/virk" energy compute --db "$out/e.db" >"$out/compute-first.txt"
hyperfine --runs "$runs" --export-json "$out/compute.json" --export-markdown "$out/compute.md" \
	-n "virk energy compute" "$out/virk energy compute --db $out/e.db" \
	-n "pandas" "$py bench/energy_pandas.py compute $data"
$py bench/energy_pandas.py compute "$data" >"$out/pandas-summary.txt"

echo "== 4. building page" >&2
rm -f "$out/w.db"*
cp "$out/e.db" "$out/w.db"
"$out/virk" serve --db "$out/w.db" --addr "$addr" >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://$addr/tilgjengelighet" >/dev/null && break; sleep 0.2; done
link=$(grep -o "http://$addr/logginn/lenke/[A-Za-z0-9_-]*" "$out/serve.log" | head -1)
curl -sf -o /dev/null -c "$out/cookies.txt" "$link"
session=$(awk '$6 == "virk_sesjon" {print $7}' "$out/cookies.txt")
page=/energi/bygg/b0002
curl -sf -o "$out/page.html" -H "Cookie: virk_sesjon=$session" "http://$addr$page"
for c in 1 8; do
	wrk -t1 -c$c -d20s --latency -H "Cookie: virk_sesjon=$session" "http://$addr$page" >"$out/wrk-c$c.txt"
done

# Summary.
mean() { $py -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.2f"%x["median"] for x in r))' "$1"; }
read -r ours_import sqlite_import <<<"$(mean "$out/import.json")"
read -r ours_compute pandas_compute <<<"$(mean "$out/compute.json")"
p() { awk -v q="$1" '$1 == q {v=$2; if (v ~ /ms$/) {sub(/ms/, "", v); print v} else if (v ~ /us$/) {sub(/us/, "", v); print v/1000} else {sub(/s/, "", v); print v*1000}}' "$2"; }
{
	echo "# Energy benchmark, $(date -u +%Y-%m-%d)"
	echo
	echo "$buildings buildings × 2 meters × $years years: $readings hourly readings; machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)."
	echo
	echo "| what | virk | peer | ratio |"
	echo "|---|---|---|---|"
	echo "| import, median s | $ours_import | sqlite3 .import $sqlite_import | $($py -c "print('%.2f' % ($ours_import/$sqlite_import))") |"
	echo "| import, peak RSS | $((rss / 1024)) MB | | |"
	echo "| bytes per reading | $($py -c "print('%.2f' % ($ours/$readings))") | sqlite3 table $($py -c "print('%.2f' % ($theirs/$readings))") | |"
	echo "| recompute, median s | $ours_compute | pandas $pandas_compute | $($py -c "print('%.1f' % ($pandas_compute/$ours_compute))")× faster |"
	echo "| $page uncached, 1 connection, p50 / p99 ms | $(p 50% "$out/wrk-c1.txt") / $(p 99% "$out/wrk-c1.txt") | | |"
	echo "| $page uncached, 8 connections, p50 / p99 ms | $(p 50% "$out/wrk-c8.txt") / $(p 99% "$out/wrk-c8.txt") | | |"
	echo
	echo "virk: $(cat "$out/compute-first.txt")"
	echo
	echo "pandas: $(tr '\n' ' ' <"$out/pandas-summary.txt")"
} >"$out/results.md"
cat "$out/results.md"
