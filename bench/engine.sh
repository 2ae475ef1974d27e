#!/usr/bin/env bash
# Engine benchmarks (issue 2): overhead of planning and running 1,000 and 10,000 no-op targets in a
# layered DAG, and parallel efficiency on a DAG of targets that each await a fixed delay.
# Usage: bench/engine.sh   (from anywhere; results go to stdout, paste them into BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build bench/Deploy.Bench -c Release -nologo -v quiet >/dev/null
bench=(dotnet bench/Deploy.Bench/bin/Release/net10.0/Deploy.Bench.dll)
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, $(dotnet --version)"
"${bench[@]}" overhead 1000
"${bench[@]}" overhead 10000
"${bench[@]}" parallel 4 5 100
"${bench[@]}" parallel 8 4 200
