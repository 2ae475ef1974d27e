#!/usr/bin/env bash
# Fingerprinting cost (issue 15): a target whose input is a tree of 20,000 files, cold (no hash cache), warm
# (nothing changed, the cache loaded from disk as a new run would) and after a one-byte change to one file.
# Usage: bench/fingerprint.sh [FILES]   (from anywhere; results go to stdout, paste them into BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build bench/Deploy.Bench -c Release -nologo -v quiet >/dev/null
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, $(dotnet --version), load $(cut -d' ' -f1 /proc/loadavg)"
dotnet bench/Deploy.Bench/bin/Release/net10.0/Deploy.Bench.dll fingerprint "${1:-20000}"
