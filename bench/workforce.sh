#!/usr/bin/env bash
# Benchmarks the workforce statistics (workforce/SPEC.md) on a synthetic HR
# extract of municipal size, side by side with the same computation in
# pandas (see bench/README.md):
#
#   1. bench/hrgen writes ansatte.csv (monthly snapshots, 2014–2018) and
#      fravaer.csv: about 1 M employment rows and 300 000 absence spells
#      at 14 000 employees;
#   2. hyperfine times `virk workforce import --dry-run` (read, check,
#      aggregate, disclosure control, diff against the store, nothing
#      stored) against bench/workforce_pandas.py (read both CSVs, every
#      figure of SPEC.md with the primary disclosure rule, write a CSV),
#      each on the same files, and /usr/bin/time -v gives their peak RSS;
#   3. the figures of a real import (virk export) are compared with
#      pandas's cell by cell.
#
#   bench/workforce.sh                    # 14 000 employees × 5 years
#   EMPLOYEES=2000 bench/workforce.sh     # a smoke run
#
# Settings: EMPLOYEES (14000), YEARS (5), SEED (1), RUNS (3),
# OUT (bench/out/workforce), VIRK_CMD (below).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
employees=${EMPLOYEES:-14000}
years=${YEARS:-5}
seed=${SEED:-1}
runs=${RUNS:-3}
out=${OUT:-$root/bench/out/workforce}
mkdir -p "$out"
out=$(cd "$out" && pwd)
data="$out/data"
py=/usr/bin/python3

command -v hyperfine >/dev/null || { echo "workforce.sh: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
$py -c 'import pandas' 2>/dev/null || { echo "workforce.sh: pandas is missing (apt-get install python3-pandas)" >&2; exit 1; }
timev=""
if /usr/bin/time -v true >/dev/null 2>&1; then timev=/usr/bin/time; else echo "workforce.sh: no GNU time (apt-get install time): no peak RSS" >&2; fi

go build -o "$out/virk" ./cmd/virk
go build -o "$out/hrgen" ./bench/hrgen

# The units: Bærum's leaf areas, flat under the total baerum. A line may
# be ID;PARENT for a tree: hrgen puts employees in the leaves only, and
# pandas and the catalogue below take the parents.
units="$out/units.txt"
printf '%s\n' oppvekst_skole oppvekst_barnehage pleie_omsorg helse_sosial tekniske_tjenester ovrige hr_service digit eiendom >"$units"

if [ ! -f "$data/fravaer.csv" ] || [ "$(cat "$data/size" 2>/dev/null)" != "$employees×$years×$seed" ]; then
	rm -rf "$data"
	"$out/hrgen" -out "$data" -employees "$employees" -years "$years" -seed "$seed" -units "$units"
	echo "$employees×$years×$seed" >"$data/size"
fi
rows=$(($(wc -l <"$data/ansatte.csv") - 1))
spells=$(($(wc -l <"$data/fravaer.csv") - 1))
echo "$rows employment rows, $spells absence spells, $(du -ch "$data"/*.csv | tail -1 | cut -f1) of CSV" >&2

# virk takes the unit tree from its catalogue: a store with the units as
# entities, which every timed run starts from.
$py - "$units" >"$out/catalogue.json" <<'EOF'
import json, sys
ents = [{"id": "baerum", "name": "Bærum kommune", "kind": "municipality", "codes": [{"code": "0219"}]}]
for line in open(sys.argv[1], encoding="utf-8"):
    uid, _, parent = line.strip().partition(";")
    if uid and not uid.startswith("#"):
        ents.append({"id": uid, "name": uid, "kind": "unit", "parent": parent or "baerum"})
json.dump({"indicators": [], "entities": ents}, sys.stdout, ensure_ascii=False, indent=1)
EOF
tmpl="$out/template.db"
rm -f "$tmpl" "$tmpl"-*
"$out/virk" import --db "$tmpl" "$out/catalogue.json" >/dev/null

# ---------------------------------------------------------------------------
# VIRK_CMD: the virk command under test. Change it here (or in the
# environment) when `virk workforce import` changes its flags; the script
# runs it once before timing and stops timing virk if it fails.
# ---------------------------------------------------------------------------
VIRK_CMD=${VIRK_CMD:-"\"$out/virk\" workforce import --dry-run --db \"$out/bench.db\" \"$data/ansatte.csv\" \"$data/fravaer.csv\""}
PANDAS_CMD="$py bench/workforce_pandas.py -units \"$units\" -o \"$out/pandas.csv\" \"$data/ansatte.csv\" \"$data/fravaer.csv\""
prepare="rm -f \"$out/bench.db\" \"$out/bench.db\"-*; cp \"$tmpl\" \"$out/bench.db\""

have_virk=1
eval "$prepare"
if ! eval "$VIRK_CMD" >"$out/virk-first.txt" 2>&1; then
	have_virk=0
	if grep -q "ukjent" "$out/virk-first.txt"; then
		echo "workforce.sh: virk has no such command yet; timing pandas only. VIRK_CMD was:" >&2
	else
		echo "workforce.sh: the virk command failed; timing pandas only. VIRK_CMD was:" >&2
	fi
	echo "  $VIRK_CMD" >&2
	sed 's/^/  | /' "$out/virk-first.txt" | head -20 >&2
fi

echo "== time" >&2
if [ $have_virk = 1 ]; then
	hyperfine --runs "$runs" --export-json "$out/time.json" --export-markdown "$out/time.md" \
		--prepare "$prepare" -n "virk workforce import --dry-run" "$VIRK_CMD" \
		-n "pandas" "$PANDAS_CMD"
else
	hyperfine --runs "$runs" --export-json "$out/time.json" --export-markdown "$out/time.md" -n "pandas" "$PANDAS_CMD"
fi

rss() { awk -F: '/Maximum resident/ {gsub(/ /, "", $2); printf "%d MB", $2/1024}' "$1"; }
virk_rss="–" pandas_rss="–"
if [ -n "$timev" ]; then
	echo "== peak memory" >&2
	if [ $have_virk = 1 ]; then
		eval "$prepare"
		eval "$timev -v $VIRK_CMD" >/dev/null 2>"$out/virk-time.txt"
		virk_rss=$(rss "$out/virk-time.txt")
	fi
	eval "$timev -v $PANDAS_CMD" 2>"$out/pandas-time.txt"
	pandas_rss=$(rss "$out/pandas-time.txt")
fi

# The figures: a real import (not --dry-run) exported, against pandas's
# output with the extra sums virk stores and the unsuppressed values.
compare="not compared (no virk)"
if [ $have_virk = 1 ]; then
	echo "== figures" >&2
	rm -f "$out/figures.db"*
	cp "$tmpl" "$out/figures.db"
	if "$out/virk" workforce import --db "$out/figures.db" "$data/ansatte.csv" "$data/fravaer.csv" >/dev/null &&
		"$out/virk" export --db "$out/figures.db" -o "$out/virk.csv"; then
		$py bench/workforce_pandas.py -extra -with-n -units "$units" -o "$out/pandas-extra.csv" "$data/ansatte.csv" "$data/fravaer.csv" 2>/dev/null
		compare=$($py - "$out/virk.csv" "$out/pandas-extra.csv" <<'EOF'
import sys
virk, ours = {}, {}
f = open(sys.argv[1], encoding="utf-8-sig"); next(f)
for line in f:
    i, u, p, v, status = line.rstrip("\n").split(";")[:5]
    virk[i, u, p] = None if status else float(v.replace(",", "."))
f = open(sys.argv[2], encoding="utf-8"); next(f)
for line in f:
    i, u, p, v, n, raw = line.rstrip("\n").split(";")
    ours[i, u, p] = (v == ":", float(raw))
both = set(virk) & set(ours)
pub = [k for k in both if virk[k] is not None and not ours[k][0]]
bad = [k for k in pub if abs(virk[k] - ours[k][1]) > 1e-6 * max(1, abs(virk[k]))]
more = sum(1 for k in both if virk[k] is None and not ours[k][0])
fewer = sum(1 for k in both if virk[k] is not None and ours[k][0])
print("%d cells in virk, %d in pandas, %d in both; %d published by both, %d differ by more than 1e-6; "
      "virk suppresses %d more (secondary), pandas %d that virk publishes; only in virk %d, only in pandas %d"
      % (len(virk), len(ours), len(both), len(pub), len(bad), more, fewer, len(set(virk) - both), len(set(ours) - both)))
for k in sorted(bad)[:5]:
    print("  differs: %s: virk %r, pandas %r" % (";".join(k), virk[k], ours[k][1]))
EOF
)
	else
		compare="not compared (virk's import or export failed)"
	fi
fi

# Summary.
# Medians of wall time, and the mean CPU time (user + system), which a
# busy machine disturbs less.
medians() { $py -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.2f"%x["median"] for x in r))' "$1"; }
cpu() { $py -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.2f"%(x["user"]+x["system"]) for x in r))' "$1"; }
if [ $have_virk = 1 ]; then
	read -r virk_t pandas_t <<<"$(medians "$out/time.json")"
	read -r virk_c pandas_c <<<"$(cpu "$out/time.json")"
	ratio=$($py -c "print('%.1f' % ($pandas_t/$virk_t))")
	cratio=$($py -c "print('%.1f' % ($pandas_c/$virk_c))")
else
	virk_t="–" virk_c="–" ratio="–" cratio="–"
	pandas_t=$(medians "$out/time.json")
	pandas_c=$(cpu "$out/time.json")
fi
{
	echo "# Workforce benchmark, $(date -u +%Y-%m-%d)"
	echo
	echo "$employees employees × $years years: $rows employment rows, $spells absence spells; machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	echo "| what | virk | pandas | pandas / virk |"
	echo "|---|---|---|---|"
	echo "| read + compute, median s ($runs runs) | $virk_t | $pandas_t | $ratio |"
	echo "| CPU user + system, mean s | $virk_c | $pandas_c | $cratio |"
	echo "| peak RSS | $virk_rss | $pandas_rss | |"
	echo
	echo "virk: \`$VIRK_CMD\`"
	echo
	echo "pandas: \`$PANDAS_CMD\`"
	echo
	echo "Figures: $compare"
} >"$out/results.md"
cat "$out/results.md"
