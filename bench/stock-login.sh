#!/usr/bin/env bash
# Goal 1's yardstick: the stock Blazor Web App template with Individual accounts, published like the portal
# (Release, framework-dependent, ReadyToRun), signing users in with a password alone over HTTP, against the same
# PBKDF2 floor in the same run (Lucy.Portal.LoadBench --stock). What it reaches is what ASP.NET Core, Identity and
# EF Core on SQLite leave of the floor on this machine before any second factor or any of the portal's own checks.
#   bench/stock-login.sh     (LUCY_BENCH_CLIENTS 8, LUCY_BENCH_SECONDS 20, LUCY_BENCH_WARMUP 60)
set -euo pipefail
source "$(dirname "$0")/common.sh"

echo "stock-login: creating and publishing the stock template (dotnet new blazor --auth Individual, ReadyToRun) ..." >&2
publish_stock_template
dotnet build "$repo/bench/Lucy.Portal.LoadBench" -c Release -v q -nologo >/dev/null

port=$(free_port)
# The template's own database file (Data/app.db, shipped with its schema), in Production as the portal runs.
(cd "$work/stock-app" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Logging__LogLevel__Default=Warning dotnet Stock.dll >"$work/server.log" 2>&1) &
server=$!
until curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/Account/Login"; do
  if ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
  sleep 0.2
done
dotnet "$repo/bench/Lucy.Portal.LoadBench/bin/Release/net10.0/Lucy.Portal.LoadBench.dll" --stock "http://127.0.0.1:$port/" --stock-pid "$server" \
  --clients "${LUCY_BENCH_CLIENTS:-8}" --seconds "${LUCY_BENCH_SECONDS:-20}" --warmup "${LUCY_BENCH_WARMUP:-60}"
