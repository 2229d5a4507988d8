#!/usr/bin/env bash
# Goal 4: cold start, process start to the first 200 page, of the portal against the stock Blazor Web App template
# with Individual accounts, both built the same way on this machine and timed in the same run (median of N starts).
# The template is created in a temporary folder and restored like any project (the local package feed suffices).
# Fair by construction: both are published alike (Release, framework-dependent, ReadyToRun as the Dockerfile does;
# COLD_START_READY_TO_RUN=false for plain IL in both), both start in Production, and the first page of both is the
# same kind of page, the login form (/Account/Login: the template's Identity page, the portal's).
#   bench/cold-start.sh            (COLD_START_RUNS=5 by default)
set -euo pipefail
source "$(dirname "$0")/common.sh"
runs=${COLD_START_RUNS:-5}

# start_ms DIR DLL PATH [VAR=VALUE ...]: milliseconds from starting the process to the first 200 on PATH.
start_ms() {
  local dir=$1 dll=$2 path=$3; shift 3
  local port; port=$(free_port)
  local started; started=$(date +%s%N)
  (cd "$dir" && exec env "$@" ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" >"$work/server.log" 2>&1) &
  server=$!
  local code=000
  while [ "$code" != 200 ]; do
    if ! kill -0 "$server" 2>/dev/null; then echo "cold-start: $dll exited before serving:" >&2; cat "$work/server.log" >&2; exit 1; fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port$path" || true)
    [ "$code" = 200 ] || sleep 0.02
  done
  local served; served=$(date +%s%N)
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  echo $(( (served - started) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

ready_to_run=${COLD_START_READY_TO_RUN:-true}

echo "cold-start: creating and publishing the stock template (dotnet new blazor --auth Individual, ReadyToRun=$ready_to_run) ..." >&2
publish_stock_template "$ready_to_run"
echo "cold-start: publishing the portal alike ..." >&2
publish "$repo/Lucy.Portal/Lucy.Portal.csproj" "$work/portal-app" "$ready_to_run"

stock_dir="$work/stock-app"
portal_dir="$work/portal-app"
portal_env=(ASPNETCORE_ENVIRONMENT=Production "Database__SqlitePath=$work/portal.db" "DataProtection__KeysFolder=$work/keys"
  FirstAdministrator__Email=admin@lucy.bench "FirstAdministrator__Password=correct horse battery staple")
stock_env=(ASPNETCORE_ENVIRONMENT=Production)

# A first, untimed start of each: the portal creates and migrates its database and the first administrator, as an
# installation does once; every timed start after it is a restart on an existing database (migrations still checked).
start_ms "$portal_dir" Lucy.Portal.dll /Account/Login "${portal_env[@]}" >/dev/null
start_ms "$stock_dir" Stock.dll /Account/Login "${stock_env[@]}" >/dev/null

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
portal_runs=(); stock_runs=()
for _ in $(seq "$runs"); do
  # Alternated, so a change in the machine's load hits both alike.
  portal_runs+=("$(start_ms "$portal_dir" Lucy.Portal.dll /Account/Login "${portal_env[@]}")")
  stock_runs+=("$(start_ms "$stock_dir" Stock.dll /Account/Login "${stock_env[@]}")")
done
portal=$(printf '%s\n' "${portal_runs[@]}" | median)
stock=$(printf '%s\n' "${stock_runs[@]}" | median)
echo "== 4. Cold start, process start to first 200 login page, median of $runs alternated starts, Release publish (ReadyToRun=$ready_to_run) of both, $(nproc) cores, load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
echo "portal (GET /Account/Login): ${portal_runs[*]} ms"
echo "stock template (GET /Account/Login): ${stock_runs[*]} ms"
awk -v p="$portal" -v s="$stock" 'BEGIN { printf "FIGURE cold-start: portal %d ms, stock template %d ms, ratio %.2f (goal <= 1.5)\n", p, s, p / s }'
