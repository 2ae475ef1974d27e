#!/usr/bin/env bash
# Warm start with and without an OTLP endpoint (issue 17, "Measured"): the stock build's `./build.sh --help` and a
# no-op run (`./build.sh Source --skip`: one collective target, the run record, summary and report written), each
# with no endpoint, with OTEL_EXPORTER_OTLP_ENDPOINT set to a live OTLP/HTTP receiver on loopback, and (the no-op
# run) with one set to a port nothing listens on. All side by side in one hyperfine run.
# Expectations: --help costs the same with an endpoint set (nothing of OpenTelemetry is loaded when nothing runs);
# a run with an endpoint pays for loading the SDK and one export; a refused endpoint costs no more than a live one.
#
#   bench/tracing.sh [REPO_ROOT] [OUT_DIR]
#
# Needs hyperfine and python3 (Debian: apt-get install hyperfine python3; the receiver is a few lines of
# http.server that answers 200 to every POST and counts them). Writes hyperfine's tables (Markdown, CSV, JSON) and
# a summary to OUT_DIR (default REPO_ROOT/.nuke/temp/bench/tracing) and prints the summary. Knobs: RUNS (20), WARMUP (3).
set -euo pipefail

ROOT=$(cd "${1:-.}" && pwd)
OUT=${2:-$ROOT/.nuke/temp/bench/tracing}
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { echo "error: $*" >&2; exit 2; }
command -v hyperfine > /dev/null || die "hyperfine is not installed (Debian: apt-get install hyperfine)."
command -v python3 > /dev/null || die "python3 is not installed (Debian: apt-get install python3); it serves the OTLP receiver."
[[ -x $ROOT/build.sh && -d $ROOT/.nuke && -f $ROOT/build/_build.csproj ]] \
    || die "$ROOT does not look like the repository root (build.sh, .nuke/, build/_build.csproj)."
mkdir -p "$OUT"
cd "$ROOT"

# --- 1. Warm: compile once, then make sure the measured runs will not compile. -----------------------
echo "== Warming up ./build.sh (compiles the build project if its inputs changed)"
./build.sh --help > /dev/null 2> "$OUT/warmup.err" || { cat "$OUT/warmup.err" >&2; die "./build.sh --help failed."; }
./build.sh --help > /dev/null 2> "$OUT/warm-check.err" || die "./build.sh --help failed on the second run."
grep -q 'Compiling' "$OUT/warm-check.err" && die "./build.sh compiled again on a run with no change: nothing here would be a warm start."

# --- 2. A live OTLP/HTTP receiver, and a port nothing listens on. -----------------------------------
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
LIVE=$(free_port)
DEAD=$(free_port)
COUNT=$OUT/receiver.count
python3 - "$LIVE" "$COUNT" <<'PY' &
import http.server, sys
port, count = int(sys.argv[1]), sys.argv[2]
posts = 0
class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        global posts
        self.rfile.read(int(self.headers.get("content-length", 0)))
        posts += 1
        open(count, "w").write(str(posts))
        self.send_response(200)
        self.send_header("content-type", "application/x-protobuf")
        self.send_header("content-length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
PY
RECEIVER=$!
trap 'kill $RECEIVER 2>/dev/null || true' EXIT
for _ in $(seq 200); do
    (exec 3<> "/dev/tcp/127.0.0.1/$LIVE") 2> /dev/null && break
    kill -0 $RECEIVER 2> /dev/null || die "the OTLP receiver did not start on port $LIVE."
    sleep 0.05
done

NOOP='./build.sh Source --skip --no-progress'
check=$(env OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$LIVE" $NOOP 2>&1) || { echo "$check" >&2; die "the no-op run with an endpoint failed."; }
grep -q "exported to http://127.0.0.1:$LIVE/v1/traces" <<< "$check" || { echo "$check" >&2; die "the no-op run did not export its trace."; }

# --- 3. Measure, side by side. ----------------------------------------------------------------------
# env -u on the baselines: the machine's own OTEL_* must not turn them into runs with an endpoint.
UNSET='env -u OTEL_EXPORTER_OTLP_ENDPOINT -u OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
SET="env -u OTEL_EXPORTER_OTLP_TRACES_ENDPOINT OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$LIVE"
SET_DEAD="env -u OTEL_EXPORTER_OTLP_TRACES_ENDPOINT OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$DEAD"
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== Load before measuring: $load on $(nproc) cores (measure on an idle machine)"
stamp_before=$(cksum < .nuke/temp/build.stamp)
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" \
    --export-markdown "$OUT/tracing.md" --export-csv "$OUT/tracing.csv" --export-json "$OUT/tracing.json" \
    -n 'help (no endpoint)' "$UNSET ./build.sh --help" \
    -n 'help (endpoint set)' "$SET ./build.sh --help" \
    -n 'no-op run (no endpoint)' "$UNSET $NOOP" \
    -n 'no-op run (live collector)' "$SET $NOOP" \
    -n 'no-op run (refused endpoint)' "$SET_DEAD $NOOP"
[[ $(cksum < .nuke/temp/build.stamp) == "$stamp_before" ]] \
    || echo "warning: the build's inputs changed while measuring, so some runs compiled: measure again." >&2

# --- 4. Summary. ------------------------------------------------------------------------------------
posts=$(cat "$COUNT")
summary=$(awk -F, 'NR > 1 { name[NR-1] = $1; mean[NR-1] = $2; median[NR-1] = $4; cpu[NR-1] = $5 + $6 } END {
    printf "| command | mean | median | CPU (user+sys) | mean vs. without endpoint |\n|---|---:|---:|---:|---:|\n"
    for (i = 1; i <= NR - 1; i++) {
        base = (i <= 2) ? 1 : 3
        printf "| %s | %.1f ms | %.1f ms | %.1f ms | %s |\n", name[i], mean[i] * 1e3, median[i] * 1e3, cpu[i] * 1e3, \
            (i == base) ? "" : sprintf("%+.1f ms", (mean[i] - mean[base]) * 1e3)
    }
}' "$OUT/tracing.csv")
{
    echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), .NET SDK $(dotnet --version), $(hyperfine --version); load average before: $load"
    echo
    echo "$summary"
    echo
    echo "The live receiver got $posts export requests (at least one per run with it, warm-up runs included)."
} > "$OUT/summary.md"
echo
cat "$OUT/summary.md"
echo
echo "Results in $OUT"
