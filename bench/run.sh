#!/usr/bin/env bash
# Benchmarks "virk import" against the sqlite3 shell's .import of the same
# CSV, and "virk kpi", on a generated KOSTRA-like dataset. See
# bench/README.md for what is measured.
#
#   bench/run.sh                  # 356 municipalities × 1 000 indicators × 10 years
#   SCALE=small bench/run.sh      # 20 × 100 × 10: a smoke run of a few seconds
#
# Settings, from the environment:
#   SCALE      full (default), medium (100 × 300 × 10) or small (20 × 100 × 10)
#   RUNS       timed runs of each import (default 5; 10 for small)
#   WARMUP     untimed runs of each import first (default 1)
#   KPI_RUNS   timed runs of one municipality's scorecard (default 50)
#   FULL_RUNS  timed runs of the scorecard of every municipality (default 3)
#   BENCHTIME  go test -benchtime of the in-process scorecard (default 100x)
#   PROFILE    1 to CPU-profile an in-process import as well
#   REV        a commit to benchmark (e.g. HEAD) instead of the work tree:
#              it is unpacked with git archive under OUT, with this bench/
#              directory copied in, so edits in progress do not disturb it
#   OUT        where everything goes (default bench/out, which git ignores)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

scale=${SCALE:-full}
case $scale in
full) gen=(-municipalities 356 -indicators 1000 -years 10) runs=${RUNS:-5} ;;
medium) gen=(-municipalities 100 -indicators 300 -years 10) runs=${RUNS:-5} ;;
small) gen=(-municipalities 20 -indicators 100 -years 10) runs=${RUNS:-10} ;;
*)
	echo "run.sh: SCALE must be full, medium or small, not «$scale»" >&2
	exit 2
	;;
esac
warmup=${WARMUP:-1}
kpi_runs=${KPI_RUNS:-50}
full_runs=${FULL_RUNS:-3}
benchtime=${BENCHTIME:-100x}
out=${OUT:-$root/bench/out}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# need installs a Debian package when its command is missing, or says
# how to get it.
need() {
	local cmd=$1 pkg=$2
	command -v "$cmd" >/dev/null && return
	echo "run.sh: $cmd is not installed; installing the Debian package $pkg" >&2
	local sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	if command -v apt-get >/dev/null; then
		$sudo apt-get update -qq >&2 || true
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$pkg" >&2 || true
	fi
	if ! command -v "$cmd" >/dev/null; then
		echo "run.sh: could not install $cmd. Install it yourself (Debian/Ubuntu: apt-get install $pkg;" \
			"elsewhere see the $pkg project's page) and run bench/run.sh again." >&2
		exit 1
	fi
}
need hyperfine hyperfine
need sqlite3 sqlite3
need /usr/bin/time time

src=$root
if [ -n "${REV:-}" ]; then
	src=$out/src
	echo "== Unpacking $REV into $src"
	rm -rf "$src"
	mkdir -p "$src"
	git archive --format=tar "$REV" | tar -C "$src" -xf -
	rm -rf "$src/bench"
	tar -C "$root" --exclude=bench/out -cf - bench | tar -C "$src" -xf -
	cd "$src"
fi

echo "== Building virk and the benchmark tools into $out"
go build -o "$out/virk" ./cmd/virk
go build -o "$out/gen" ./bench/gen
go build -o "$out/report" ./bench/report

echo "== Generating the dataset (SCALE=$scale)"
"$out/gen" -out "$out" "${gen[@]}"
entity=$(cat "$out/scorecard-entity.txt")

# The sqlite3 side: the same CSV into one table with the same columns as
# the file, keyed on (indicator, entity, period), in the same journal mode
# and sync setting as virk's store. The second script keys the table the
# way virk's observation table is keyed, entity first, which the file's
# order (indicator first) does not follow.
sqlite_script() {
	local key=$1
	cat <<EOF
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE observation (
	indicator TEXT NOT NULL,
	entity    TEXT NOT NULL,
	period    INTEGER NOT NULL,
	value     REAL,
	status    TEXT NOT NULL,
	PRIMARY KEY ($key)
) WITHOUT ROWID;
.mode csv
.separator ";"
.import --skip 1 "$out/data.csv" observation
EOF
}
sqlite_script "indicator, entity, period" >"$out/sqlite3-import.sql"
sqlite_script "entity, indicator, period" >"$out/sqlite3-import-entity-first.sql"

q() { printf '%q' "$1"; }
mb() { du -k "$1" | awk '{printf "%.1f MB", $1 / 1024}'; }
virk=$(q "$out/virk")
# Each run starts from no database, with the previous run's writes on disk
# (sync), so that one run's write-back does not slow the next.
fresh() { printf "bash -c 'rm -f %s %s-wal %s-shm; sync'" "$(q "$1")" "$(q "$1")" "$(q "$1")"; }

{
	echo "- Command: \`$([ "$scale" = full ] || printf 'SCALE=%s ' "$scale")$([ -z "${REV:-}" ] || printf 'REV=%s ' "$REV")bench/run.sh\` (RUNS=$runs, WARMUP=$warmup, KPI_RUNS=$kpi_runs, FULL_RUNS=$full_runs, BENCHTIME=$benchtime)"
	if [ -n "${REV:-}" ]; then
		echo "- Commit: $(git -C "$root" rev-parse --short "$REV") (REV=$REV, with the bench/ directory of the work tree)"
	else
		echo "- Commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- . ':!bench' ':!BENCHMARKS.md' && [ -z "$(git -C "$root" status --porcelain -- . ':!bench' ':!BENCHMARKS.md')" ] || echo ' (work tree with uncommitted changes)')"
	fi
	echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores)"
	echo "- RAM: $(free -g | awk '/^Mem:/ {print $2}') GB"
	echo "- Load average when the run started: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
	"$out/report" versions | sed 's/^/- /'
	echo "- sqlite3 shell: $(sqlite3 --version | cut -d' ' -f1-2)"
	echo "- hyperfine: $(hyperfine --version | cut -d' ' -f2)"
	echo "- Dataset: $(wc -l <"$out/data.csv" | awk '{print $1 - 1}') rows, $(mb "$out/data.csv") of CSV; scorecard entity $entity"
} >"$out/machine.md"
cat "$out/machine.md"

echo "== Import: virk import against sqlite3 .import ($runs runs each)"
# --output=pipe: hyperfine's default, /dev/null, is a character device,
# which virk before 035aa0b took for a terminal (and then panicked after
# its progress bar); a pipe is what a script's output is.
hyperfine -N --output=pipe --warmup "$warmup" --runs "$runs" \
	--export-json "$out/import.json" --export-markdown "$out/import.md" \
	--prepare "$(fresh "$out/virk.db")" -n "virk import" \
	"$virk import --db $(q "$out/virk.db") $(q "$out/catalogue.json") $(q "$out/data.csv")" \
	--prepare "$(fresh "$out/sqlite3.db")" -n "sqlite3 .import" \
	"sqlite3 $(q "$out/sqlite3.db") $(q ".read $out/sqlite3-import.sql")" \
	--prepare "$(fresh "$out/sqlite3-ef.db")" -n "sqlite3 .import, entity-first key" \
	"sqlite3 $(q "$out/sqlite3-ef.db") $(q ".read $out/sqlite3-import-entity-first.sql")"

# Peak memory (maximum RSS, from GNU time) and wall time of the import and
# of its dry run, on an empty store and on the stored data; medians of
# RUNS runs, each into a new database.
echo "== Import memory: peak RSS of virk import and --dry-run ($runs runs each)"
rss=$out/import-rss.txt
: >"$rss"
for _ in $(seq "$runs"); do
	rm -f "$out/rss.db" "$out/rss.db-wal" "$out/rss.db-shm"
	sync
	/usr/bin/time -f "dry-run-empty %e %M" -a -o "$rss" "$out/virk" import --dry-run --db "$out/rss.db" "$out/catalogue.json" "$out/data.csv" >/dev/null
	rm -f "$out/rss.db" "$out/rss.db-wal" "$out/rss.db-shm"
	sync
	/usr/bin/time -f "import %e %M" -a -o "$rss" "$out/virk" import --db "$out/rss.db" "$out/catalogue.json" "$out/data.csv" >/dev/null
	/usr/bin/time -f "dry-run-stored %e %M" -a -o "$rss" "$out/virk" import --dry-run --db "$out/rss.db" "$out/catalogue.json" "$out/data.csv" >/dev/null
done
rm -f "$out/rss.db" "$out/rss.db-wal" "$out/rss.db-shm"
# median prints the median of the numbers on stdin.
median() { sort -g | awk '{a[NR] = $1} END {if (NR) printf "%.2f", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
# rss_line prints the median time and peak RSS of one kind of run.
rss_line() {
	local t m
	t=$(awk -v k="$1" '$1 == k {print $2}' "$rss" | median)
	m=$(awk -v k="$1" '$1 == k {print $3 / 1024}' "$rss" | median)
	echo "| $2 | $t s | $m MB |"
}
import_rss=$(awk '$1 == "import" {print $3 / 1024}' "$rss" | median)
cat "$rss"

echo "== Scorecard: virk kpi for $entity, and for everything"
hyperfine -N --warmup 5 --runs "$kpi_runs" \
	--export-json "$out/kpi.json" --export-markdown "$out/kpi.md" \
	-n "virk kpi --entity $entity --format json" \
	"$virk kpi --db $(q "$out/virk.db") --entity $entity --format json"
hyperfine -N --warmup 1 --runs "$full_runs" \
	--export-json "$out/kpi-full.json" --export-markdown "$out/kpi-full.md" \
	-n "virk kpi --format csv" \
	"$virk kpi --db $(q "$out/virk.db") --format csv"

echo "== Scorecard in-process (go test ./bench -bench Scorecard)"
VIRK_BENCH_DIR=$out go test ./bench -run '^$' -bench 'Scorecard' -benchtime "$benchtime" -count 5 | tee "$out/go-bench.txt"

# Service profiles of every municipality against its KOSTRA group: the
# benchmark generates its own national-scale data, whatever SCALE says.
echo "== Service profiles in-process (go test ./peer -bench Profiles)"
go test ./peer -run '^$' -bench 'Profiles' -benchtime 2x -count 5 | tee "$out/peer-bench.txt"

if [ "${PROFILE:-0}" = 1 ]; then
	echo "== CPU profile of an in-process import"
	VIRK_BENCH_DIR=$out go test ./bench -run '^$' -bench 'Import' -benchtime 1x \
		-o "$out/bench.test" -cpuprofile "$out/import.prof" | tee -a "$out/go-bench.txt"
	go tool pprof -top -nodecount 30 "$out/bench.test" "$out/import.prof" >"$out/import-pprof.txt" 2>/dev/null
	go tool pprof -top -cum -nodecount 40 "$out/bench.test" "$out/import.prof" >"$out/import-pprof-cum.txt" 2>/dev/null
	head -40 "$out/import-pprof.txt"
fi

# The goals: import within 2× of sqlite3 .import, one municipality's
# scorecard under 50 ms.
ratio=$("$out/report" ratio "$out/import.json" "virk import" "sqlite3 .import")
kpi_ms=$("$out/report" median-ms "$out/kpi.json" "virk kpi --entity $entity --format json")
inproc_ms=$(awk '/^BenchmarkScorecard-/ {print $3 / 1e6}' "$out/go-bench.txt" | sort -g |
	awk '{a[NR] = $1} END {if (NR) printf "%.1f", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}')
# verdict prints whether v is at most (<=) or under (<) the limit.
verdict() { awk -v v="$1" -v op="$2" -v lim="$3" 'BEGIN {ok = op == "<" ? v + 0 < lim + 0 : v + 0 <= lim + 0; print ok ? "met" : "missed"}'; }
{
	echo "## Machine"
	echo
	cat "$out/machine.md"
	echo
	echo "## Import"
	echo
	"$out/report" summary -ref "sqlite3 .import" "$out/import.json"
	echo
	echo "Database files: virk $(mb "$out/virk.db"), sqlite3 $(mb "$out/sqlite3.db"), sqlite3 entity-first $(mb "$out/sqlite3-ef.db")."
	echo
	echo "Peak memory (maximum RSS, GNU time; medians of $runs runs):"
	echo
	echo "| Command | Wall time | Peak RSS |"
	echo "|---|--:|--:|"
	rss_line import "virk import (new database)"
	rss_line dry-run-empty "virk import --dry-run (empty store)"
	rss_line dry-run-stored "virk import --dry-run (the same data stored)"
	echo
	echo "## Scorecard"
	echo
	"$out/report" summary "$out/kpi.json" "$out/kpi-full.json"
	echo
	echo "In-process (kpi.Load + kpi.Build, median of 5 × $benchtime): ${inproc_ms:-?} ms"
	echo
	echo "Load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates wall times; the CPU column less so)."
	echo
	echo "## Goals"
	echo
	echo "- Import within 2× of sqlite3 .import: virk/sqlite3 = ${ratio}× → $(verdict "$ratio" "<=" 2)"
	echo "- Import under 400 MB peak RSS: ${import_rss} MB → $(verdict "$import_rss" "<" 400)"
	echo "- One municipality's scorecard under 50 ms: process ${kpi_ms} ms → $(verdict "$kpi_ms" "<" 50); in-process ${inproc_ms:-?} ms → $(verdict "${inproc_ms:-999}" "<" 50)"
} >"$out/results.md"
echo
cat "$out/results.md"
