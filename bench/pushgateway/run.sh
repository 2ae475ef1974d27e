#!/usr/bin/env bash
# The metrics component's cost (issue 3, "Performance"): a 50-target no-op build with no gateway, a live
# Pushgateway, a refusing port and a gateway that never answers. Goals: a live gateway adds <= 1 % + one round
# trip; a dead one <= the timeout. Needs prometheus-pushgateway (Debian) on PATH; hyperfine (Debian), if
# installed, adds process-level timings (a fresh process each run: start-up and JIT included).
#   bench/pushgateway/run.sh            # in-process: 30 runs per scenario, timeout 5 s
#   BENCH_RUNS=50 bench/pushgateway/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v prometheus-pushgateway >/dev/null || { echo "error: prometheus-pushgateway is not installed: apt-get install -y prometheus-pushgateway" >&2; exit 1; }

dotnet build "$here/Deploy.Bench.Pushgateway.csproj" -c Release -nologo -v quiet >/dev/null
bench="$here/bin/Release/net10.0/Deploy.Bench.Pushgateway.dll"

# A scratch build root (the engine looks for .nuke/ upwards from the working directory).
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/.nuke"
cd "$root"

echo "== in-process (steady state) =="
dotnet "$bench" --verbosity quiet

if command -v hyperfine >/dev/null; then
  echo
  echo "== one process per run (start-up and JIT included) =="
  port=$((20000 + RANDOM % 20000))
  prometheus-pushgateway --web.listen-address="127.0.0.1:$port" --persistence.file= --log.level=error &
  gateway=$!
  trap 'kill $gateway 2>/dev/null; rm -rf "$root"' EXIT
  # Wait (10 s at most) until it listens.
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 $gateway 2>/dev/null || { echo "error: prometheus-pushgateway did not start on port $port" >&2; exit 1; }
    sleep 0.05
  done
  BENCH_ONCE=1 hyperfine --warmup 3 --runs 20 -N \
    -n "no gateway" "dotnet $bench --verbosity quiet" \
    -n "live gateway" "dotnet $bench --verbosity quiet --pushgateway-url http://127.0.0.1:$port --pushgateway-job bench"
fi
