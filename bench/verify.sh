#!/usr/bin/env bash
# The verification gates' cost beyond the wait (issue 17): one --verify-url and one --verify-query against local
# servers that answer at once, a window of two evaluations 1 s apart, timed in-process; the wait is subtracted.
# Usage: bench/verify.sh [RUNS]   (from anywhere; results go to stdout, paste them into BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build bench/Deploy.Bench -c Release -nologo -v quiet >/dev/null
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, $(dotnet --version), load $(cut -d' ' -f1 /proc/loadavg)"
dotnet bench/Deploy.Bench/bin/Release/net10.0/Deploy.Bench.dll verify "${1:-50}"
