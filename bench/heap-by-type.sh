#!/usr/bin/env bash
# What a live token prompt holds, type by type: runs Lucy.Portal.LoadBench --prompts N (default 100) against the
# built portal (Release), takes a heap dump of the portal with the baseline and again with N prompts open, and prints
# the growth per prompt of each type's live bytes and object count (SOS `dumpheap -stat -live` on both dumps).
# Needs dotnet-dump and dotnet-gcdump (installed into a temporary tool folder from the NuGet feed when missing);
# the dumps are about 300 MB each, in a temporary folder removed at the end. Usage: bench/heap-by-type.sh [N] [TOP]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
prompts=${1:-100}
top=${2:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tools=${LUCY_DIAG_TOOLS:-$work/tools}
for tool in dotnet-dump dotnet-gcdump; do
  [ -x "$tools/$tool" ] || dotnet tool install --tool-path "$tools" "$tool" >/dev/null
done
dotnet build "$repo/Lucy.Portal" -c Release -v q -nologo >/dev/null
dotnet build "$repo/bench/Lucy.Portal.LoadBench" -c Release -v q -nologo >/dev/null
hold=$work/hold
LUCY_BENCH_HOLD=$hold dotnet "$repo/bench/Lucy.Portal.LoadBench/bin/Release/net10.0/Lucy.Portal.LoadBench.dll" \
  --portal "$repo/Lucy.Portal/bin/Release/net10.0/Lucy.Portal.dll" --prompts "$prompts" >"$work/run.txt" 2>"$work/run.err" &
bench=$!
for point in before after; do
  until [ -f "$hold" ] && grep -q "^$point " "$hold"; do
    kill -0 "$bench" 2>/dev/null || { cat "$work/run.err" >&2; exit 1; }
    sleep 1
  done
  pid=$(awk '{ print $2 }' "$hold")
  # gcdump forces a full, blocking collection first, so the dump holds little garbage; -live drops the rest.
  "$tools/dotnet-gcdump" collect -p "$pid" -o "$work/$point.gcdump" >/dev/null
  "$tools/dotnet-dump" collect -p "$pid" --type Heap -o "$work/$point.dmp" >/dev/null
  rm -f "$hold"
  "$tools/dotnet-dump" analyze "$work/$point.dmp" -c "dumpheap -stat -live" -c exit >"$work/$point.stat"
  rm -f "$work/$point.dmp" "$work/$point.gcdump"
done
wait "$bench"
grep -E '^(== |FIGURE memory)' "$work/run.txt"
python3 - "$work/before.stat" "$work/after.stat" "$prompts" "$top" <<'PY'
import re, sys
def load(path):
    types = {}
    for line in open(path):
        m = re.match(r'^[0-9a-f]{8,16}\s+([\d,]+)\s+([\d,]+)\s+(.+)$', line.rstrip())
        if m:
            types[m.group(3)] = (int(m.group(1).replace(',', '')), int(m.group(2).replace(',', '')))
    return types
before, after, n, top = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = sorted((((after.get(t, (0, 0))[1] - before.get(t, (0, 0))[1]) / n, (after.get(t, (0, 0))[0] - before.get(t, (0, 0))[0]) / n, t)
               for t in set(before) | set(after)), reverse=True)
print(f"live managed heap growth per prompt (SOS dumpheap -stat -live): {sum(r[0] for r in rows) / 1024:.1f} KiB")
print(f"{'bytes':>9} {'objects':>8}  type")
for size, count, name in rows[:top]:
    print(f"{size:9.0f} {count:8.1f}  {name}")
print(f"{sum(r[0] for r in rows[top:]):9.0f} {'':8}  (all other types)")
PY
