#!/usr/bin/env bash
# Benchmarks the web app and the report on the national-scale dataset:
# the report rendered to HTML and to PDF (uncached: every request has its
# own address), and wrk against the scorecard and an indicator page on
# loopback, 30 s at 64 connections.
#
#   bench/web.sh        # after bench/run.sh, which makes the dataset
#
# Settings: OUT (default bench/out), DURATION (30s), CONNECTIONS (64),
# REPORT_RUNS (20), PDF_RUNS (5), ADDR (127.0.0.1:18080).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=${OUT:-$root/bench/out}
duration=${DURATION:-30s}
conns=${CONNECTIONS:-64}
report_runs=${REPORT_RUNS:-20}
pdf_runs=${PDF_RUNS:-5}
addr=${ADDR:-127.0.0.1:18080}

for c in hyperfine wrk curl; do
	command -v $c >/dev/null || { echo "web.sh: $c is missing (apt-get install $c)" >&2; exit 1; }
done
if [ ! -f "$out/catalogue.json" ] || [ ! -f "$out/data.csv" ]; then
	echo "web.sh: no dataset in $out; run bench/run.sh first (or SCALE=small bench/run.sh)" >&2
	exit 1
fi

go build -o "$out/virk-web" ./cmd/virk
db="$out/web.db"
rm -f "$db" "$db"-*
echo "importing the national dataset and the demo (for the report) into $db" >&2
"$out/virk-web" import --db "$db" "$out/catalogue.json" "$out/data.csv" >/dev/null
"$out/virk-web" demo --db "$db" >/dev/null

"$out/virk-web" serve --db "$db" --addr "$addr" --home baerum >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://$addr/tilgjengelighet" >/dev/null && break; sleep 0.2; done

url=http://$addr
# Each run asks for its own address, so the page cache never answers.
hyperfine --shell=bash --warmup 2 --runs "$report_runs" --export-json "$out/web-report-html.json" \
	-n "report HTML" "curl -sf -o /dev/null '$url/rapport.html?n='\$RANDOM\$RANDOM"
hyperfine --shell=bash --warmup 1 --runs "$pdf_runs" --export-json "$out/web-report-pdf.json" \
	-n "report PDF" "curl -sf -o /dev/null '$url/rapport.pdf?n='\$RANDOM\$RANDOM"

for page in "/" "/?enhet=k1101" "/indikator/kostra_0001"; do
	name=$(echo "$page" | tr -c 'a-z0-9\n' '_')
	curl -sf -o /dev/null "$url$page"
	echo "== wrk $page" | tee "$out/wrk$name.txt"
	wrk -t2 -c"$conns" -d"$duration" --latency "$url$page" | tee -a "$out/wrk$name.txt"
done
echo "results in $out/web-report-*.json and $out/wrk*.txt" >&2
