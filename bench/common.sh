# Sourced by the bench scripts that run the stock template beside the portal (cold-start.sh, stock-login.sh):
# a temporary folder, one server process at a time stopped on exit, free ports, and the Dockerfile's publish.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# publish PROJECT OUTPUT [READY_TO_RUN]: the Dockerfile's publish (Release, one runtime, framework-dependent, ReadyToRun).
publish() { dotnet publish "$1" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun="${3:-true}" -o "$2" -v q -nologo >/dev/null; }

# publish_stock_template [READY_TO_RUN]: `dotnet new blazor --auth Individual` in $work, published to $work/stock-app.
publish_stock_template() {
  (cd "$work" && dotnet new blazor --auth Individual -o Stock --no-restore >/dev/null)
  publish "$work/Stock/Stock.csproj" "$work/stock-app" "${1:-true}"
}
