#!/usr/bin/env bash
# Every figure of issue 15 from one command, on this machine, in one run (about 10 minutes on two quiet cores):
#   1. logins/s over HTTP against the PBKDF2 floor      (Lucy.Portal.LoadBench --logins)
#      and the stock template's password-only logins    (bench/stock-login.sh, the yardstick)
#   2. memory per live token prompt                      (Lucy.Portal.LoadBench --prompts: resident; LoginBench --circuits: managed heap)
#   3. N live token prompts and the code round trip     (Lucy.Portal.LoadBench --prompts --heap: p95/p99, portal CPU per
#                                                         round trip, resident memory and managed heap with all open)
#   4. cold start against the stock template            (bench/cold-start.sh)
#   5. two instances behind HAProxy                     (BalancerFailoverTests, through Chromium)
# Figures on shared or busy cores are not figures: run it on a quiet machine. Knobs: LUCY_BENCH_PROMPTS (1000),
# LUCY_BENCH_CLIENTS (8), LUCY_BENCH_SECONDS (20), LUCY_BENCH_WARMUP (60), COLD_START_RUNS (5).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
prompts=${LUCY_BENCH_PROMPTS:-1000}
clients=${LUCY_BENCH_CLIENTS:-8}
seconds=${LUCY_BENCH_SECONDS:-20}
warmup=${LUCY_BENCH_WARMUP:-60}
# Each live prompt is one WebSocket on each side; the default of 1024 descriptors is too few for 1,000.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log=$(mktemp)
tools=$(mktemp -d)
trap 'rm -rf "$log" "$tools"' EXIT
# The managed heap of the portal with all prompts open is read by dotnet-gcdump (a dotnet tool from the NuGet feed);
# without it the other figures are still printed.
if dotnet tool install --tool-path "$tools" dotnet-gcdump >/dev/null 2>&1; then
  export LUCY_GCDUMP="$tools/dotnet-gcdump"
else
  echo "run-all: dotnet-gcdump could not be installed; the managed heap at load is left out" >&2
fi

echo "run-all: building (Release) ..." >&2
dotnet build Lucy.Portal -c Release -v q -nologo >/dev/null
dotnet build bench/Lucy.Portal.LoadBench -c Release -v q -nologo >/dev/null
dotnet build bench/Lucy.Portal.LoginBench -c Release -v q -nologo >/dev/null
dotnet build Lucy.Portal.Tests -v q -nologo >/dev/null
portal="$repo/Lucy.Portal/bin/Release/net10.0/Lucy.Portal.dll"
load="$repo/bench/Lucy.Portal.LoadBench/bin/Release/net10.0/Lucy.Portal.LoadBench.dll"

{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
  echo
  dotnet "$load" --portal "$portal" --logins --clients "$clients" --seconds "$seconds" --warmup "$warmup"
  echo
  LUCY_BENCH_CLIENTS="$clients" LUCY_BENCH_SECONDS="$seconds" LUCY_BENCH_WARMUP="$warmup" bench/stock-login.sh
  echo
  dotnet "$load" --portal "$portal" --prompts "$prompts" --clients "$clients" --heap
  echo
  echo "== 2b. Managed heap per live token-prompt circuit (portal in process, Chromium pages)"
  dotnet bench/Lucy.Portal.LoginBench/bin/Release/net10.0/Lucy.Portal.LoginBench.dll --circuits | tee "$log.heap"
  sed -n 's/^managed heap per live token-prompt circuit: \(.*\)$/FIGURE managed-heap-per-prompt: \1 (goal <= 250 KB)/p' "$log.heap"
  rm -f "$log.heap"
  echo
  bench/cold-start.sh
  echo
  echo "== 5. Two instances behind HAProxy (BalancerFailoverTests)"
  started=$(date +%s)
  if dotnet test Lucy.Portal.Tests --no-build --filter "FullyQualifiedName~BalancerFailoverTests" >"$log.test" 2>&1; then
    echo "FIGURE scale-out: failover journey passed in $(( $(date +%s) - started )) s (sign-in through HAProxy, serving instance stopped, same cookies valid on the other, signed in again, nothing lost)"
  else
    tail -40 "$log.test"
    echo "FIGURE scale-out: failover journey FAILED"
  fi
  rm -f "$log.test"
} 2>&1 | tee "$log" | grep --line-buffered -v '^\[' 

echo
echo "== Summary"
grep '^FIGURE ' "$log" | sed 's/^FIGURE //'
