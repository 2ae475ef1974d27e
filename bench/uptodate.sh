#!/usr/bin/env bash
# Up to date (issue 15): the stock pipeline (./build.sh Rollout) on the sample, warm, side by side in one run:
#   full       : a committed one-line change to the sample's Greeting.cs, then --force, so every target does its
#                work (what every run did before issue 15; MSBuild still compiles only what changed),
#   no change  : the same command again, nothing changed (Restore..Image up to date, Rollout a no-op),
#   one file   : another such change, without --force (Restore up to date; Compile, Test, Image, Rollout run).
# Full and one file both compile a changed file, so they differ only in what Deploy's checks skip or add.
# Each RUNS times (default 3) in that order, after one warm-up full run; prints each time and the medians.
# Goals: no change <= 2.5 s and <= 20 % of the full run; one file no slower than the full run.
#
#   bench/uptodate.sh [REPO_ROOT]
#
# Uses DOCKER_HOST when it answers, else starts Debian's dockerd (docker.io) on vfs in a temp dir. The pipeline
# clones a clone of REPO_ROOT (its committed HEAD) and deploys to a container on a free port, removed at the end.
set -euo pipefail
# shellcheck source=bench/lib/dockerd.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/dockerd.sh"

ROOT=$(cd "${1:-.}" && pwd)
RUNS=${RUNS:-3}
docker=$(command -v docker) || { echo "error: docker is not installed: apt-get install -y docker.io" >&2; exit 1; }
work=$(mktemp -d /tmp/bench-uptodate-XXXXXX)
container="hello-bench-$$"
cleanup() {
  "$docker" rm -f "$container" >/dev/null 2>&1 || true
  bench_engine_stop "$work"
  rm -rf "$work"
}
trap cleanup EXIT

bench_engine_start "$work" "$docker"

git clone --quiet "$ROOT" "$work/repo"
repo=$work/repo
(cd "$repo" && ./build.sh --help >/dev/null)
mkdir -p "$work/root/.nuke"
cp "$repo/.nuke/parameters.json" "$work/root/.nuke/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# One pipeline run; prints its wall time in seconds. Fails the bench when the build fails.
run() {
  local start end
  start=$(date +%s.%N)
  if ! (cd "$repo" && CI=true ./build.sh Rollout --root "$work/root" --repository "$repo" --docker-host "$DOCKER_HOST" \
        --container-name "$container" --service-port "$port" "$@" >"$work/last.log" 2>&1); then
    tail -40 "$work/last.log" >&2; echo "error: ./build.sh Rollout $* failed" >&2; exit 1
  fi
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
change() {
  (cd "$repo" && echo "// bench change $1" >> samples/hello-service/src/HelloService/Greeting.cs \
    && git -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false commit -qam "bench change $1")
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "warm-up: $(run --force) s"
full=() none=() one=()
for i in $(seq "$RUNS"); do
  change "full-$i"
  full+=("$(run --force)")
  none+=("$(run)")
  grep -q "already runs" "$work/last.log" || { echo "error: the no-change run redeployed:" >&2; tail -30 "$work/last.log" >&2; exit 1; }
  change "one-$i"
  one+=("$(run)")
done

mf=$(median "${full[@]}") mn=$(median "${none[@]}") mo=$(median "${one[@]}")
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version), $("$docker" version --format '{{.Server.Version}}')"
echo "./build.sh Rollout on the sample, warm, $RUNS runs each, in turn (full, no change, one file):"
echo "  full (--force) : median ${mf} s  (${full[*]})"
echo "  no change      : median ${mn} s  (${none[*]})  = $(echo "scale=1; 100 * $mn / $mf" | bc) % of full  (goal <= 2.5 s and <= 20 %)"
echo "  one file       : median ${mo} s  (${one[*]})  = $(echo "scale=1; 100 * $mo / $mf" | bc) % of full  (goal <= 100 %)"
