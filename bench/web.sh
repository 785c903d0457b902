#!/usr/bin/env bash
# Benchmarks the web app and the report on the national-scale dataset:
# the report rendered to HTML and to PDF (uncached: every request has its
# own address), and wrk against the scorecard and an indicator page on
# loopback, 30 s at 64 connections, logged in. Beside it, in the same run,
# the same pages of BASE (the commit before access control) served to
# the public as it then was, so that the cost of sessions and unit scope
# shows as a ratio.
#
#   bench/web.sh        # after bench/run.sh, which makes the dataset
#
# Settings: OUT (default bench/out), DURATION (30s), CONNECTIONS (64),
# REPORT_RUNS (20), PDF_RUNS (5), ADDR (127.0.0.1:18080), BASE (0ab44cc;
# empty skips the comparison), BASE_ADDR (127.0.0.1:18081), ROUNDS (2),
# REPORT (1; 0 skips the report), WIDE (0: the number of indicators that
# bench/widegen adds with values on the demo's entities, imported after
# the demo, as issue 13 measured with 3000), UNCACHED (0; 1 sends every
# request with "Cache-Control: no-cache", so that the page cache never
# answers and every request makes its page), PAGES (the pages wrk times).
#
#   BASE= REPORT=0 WIDE=3000 UNCACHED=1 bench/web.sh   # long pages, uncached
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=${OUT:-$root/bench/out}
duration=${DURATION:-30s}
conns=${CONNECTIONS:-64}
report_runs=${REPORT_RUNS:-20}
pdf_runs=${PDF_RUNS:-5}
addr=${ADDR:-127.0.0.1:18080}
base=${BASE-0ab44cc}
base_addr=${BASE_ADDR:-127.0.0.1:18081}
rounds=${ROUNDS:-2}
report=${REPORT:-1}
wide=${WIDE:-0}
uncached=${UNCACHED:-0}
pages=${PAGES:-/ /?enhet=k1101 /indikator/kostra_0001}
nocache=()
[ "$uncached" = 1 ] && nocache=(-H "Cache-Control: no-cache")

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
if [ "$wide" != 0 ]; then
	go run ./bench/widegen -out "$out/wide" -indicators "$wide" >&2
	"$out/virk-web" import --db "$db" "$out/wide/catalogue.json" "$out/wide/data.csv" >/dev/null
fi

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
if [ -n "$base" ]; then
	# The baseline binary from its own work tree, on its own copy of the
	# data imported by itself (its schema has no users).
	rm -rf "$out/base-src"
	git worktree add --force --detach "$out/base-src" "$base" >/dev/null 2>&1
	(cd "$out/base-src" && go build -o "$out/virk-base" ./cmd/virk)
	git worktree remove --force "$out/base-src"
	bdb="$out/web-base.db"
	rm -f "$bdb" "$bdb"-*
	"$out/virk-base" import --db "$bdb" "$out/catalogue.json" "$out/data.csv" >/dev/null
	"$out/virk-base" demo --db "$bdb" >/dev/null
	"$out/virk-base" serve --db "$bdb" --addr "$base_addr" --home baerum >"$out/serve-base.log" 2>&1 &
	pids+=($!)
fi

"$out/virk-web" serve --db "$db" --addr "$addr" --home baerum >"$out/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://$addr/tilgjengelighet" >/dev/null && break; sleep 0.2; done
# Log in as the first administrator with the one-time link serve prints,
# and keep the session cookie for curl and wrk.
link=$(grep -o 'http://127.0.0.1:[0-9]*/logginn/lenke/[A-Za-z0-9_-]*' "$out/serve.log" | head -1)
[ -n "$link" ] || { echo "web.sh: serve printed no login link (is $db new?)" >&2; exit 1; }
curl -sf -o /dev/null -c "$out/cookies.txt" "$link"
session=$(awk '$6 == "virk_sesjon" {print $7}' "$out/cookies.txt")
[ -n "$session" ] || { echo "web.sh: the login link gave no session" >&2; exit 1; }
cookie="Cookie: virk_sesjon=$session"
if [ -n "$base" ]; then
	for _ in $(seq 100); do curl -sf "http://$base_addr/tilgjengelighet" >/dev/null && break; sleep 0.2; done
fi

url=http://$addr
if [ "$report" = 1 ]; then
# Each run asks for its own address, so the page cache never answers.
hyperfine --shell=bash --warmup 2 --runs "$report_runs" --export-json "$out/web-report-html.json" \
	-n "report HTML" "curl -sf -o /dev/null '$url/rapport.html?n='\$RANDOM\$RANDOM"
hyperfine --shell=bash --warmup 1 --runs "$pdf_runs" --export-json "$out/web-report-pdf.json" \
	-n "report PDF" "curl -sf -o /dev/null '$url/rapport.pdf?n='\$RANDOM\$RANDOM"
fi

# p99 prints the 99th percentile of a wrk --latency output in ms, pct
# another one (50%, 75%, 90%).
p99() { pct 99% "$1"; }
pct() {
	awk -v p="$1" '$1 == p { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' "$2"
}
summary="$out/web-access.md"
echo "| page | round | p50 logged in (ms) | p99 logged in (ms) | p99 public at $base (ms) | ratio |" >"$summary"
echo "|---|--:|--:|--:|--:|--:|" >>"$summary"
for page in $pages; do
	name=$(echo "$page" | tr -c 'a-z0-9\n' '_')
	# The page's size and the time of one request that makes it.
	curl -sf -o /dev/null -H "$cookie" "${nocache[@]}" -w "== $page: %{size_download} bytes, %{time_total} s\n" "$url$page" | tee "$out/size$name.txt"
	[ -n "$base" ] && curl -sf -o /dev/null "http://$base_addr$page"
	for round in $(seq "$rounds"); do
		echo "== wrk $page logged in, round $round" | tee "$out/wrk$name-$round.txt"
		wrk -t2 -c"$conns" -d"$duration" --latency -H "$cookie" "${nocache[@]}" "$url$page" | tee -a "$out/wrk$name-$round.txt"
		new=$(p99 "$out/wrk$name-$round.txt")
		old="" ratio=""
		if [ -n "$base" ]; then
			echo "== wrk $page public at $base, round $round" | tee "$out/wrk$name-base-$round.txt"
			wrk -t2 -c"$conns" -d"$duration" --latency "${nocache[@]}" "http://$base_addr$page" | tee -a "$out/wrk$name-base-$round.txt"
			old=$(p99 "$out/wrk$name-base-$round.txt")
			ratio=$(awk -v a="$new" -v b="$old" 'BEGIN { printf "%.2f", a / b }')
		fi
		echo "| \`$page\` | $round | $(pct 50% "$out/wrk$name-$round.txt") | $new | $old | $ratio |" >>"$summary"
	done
done
cat "$summary"
echo "results in $out/web-report-*.json, $out/wrk*.txt and $summary" >&2
