#!/usr/bin/env bash
# README's test command: installs what the tests need when it is missing, then runs every test.
# Needs: the .NET 10 SDK; Debian's chromium (browser tests), oathtool (an independent TOTP client) and haproxy (the
# scale-out test runs it on loopback as its own child process, never as a service).
# As root (or with password-less sudo) the two packages are installed with apt; otherwise it says what to install.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
if [ -z "${LUCY_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
command -v oathtool >/dev/null 2>&1 || missing+=(oathtool)
if [ -z "${LUCY_HAPROXY:-}" ] && ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then missing+=(haproxy); fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then as_root=(); elif sudo -n true 2>/dev/null; then as_root=(sudo -n); else as_root=(none); fi
  if [ "${as_root[*]}" = none ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: the tests need these packages, which are not installed: ${missing[*]}" >&2
    echo "test.sh: install them (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}), or point LUCY_CHROMIUM at a Chromium binary, then run ./test.sh again." >&2
    exit 3
  fi
  echo "test.sh: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Lucy.Portal.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one summary per test assembly; restate the totals as one plain closing line.
awk '/(Passed|Failed)!  -/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
