#!/usr/bin/env bash
# The Image and Push components' cost (issue 5, "Performance"), against one Docker engine:
#   1. time: the Image target vs `docker build` (classic builder, DOCKER_BUILDKIT=0) on the same daemon and the
#      same context (2,000 files, 200 MB), run alternately BENCH_RUNS times after one warm-up each; both give the
#      image the same four OCI labels (created changes every run, so the label steps rerun for both). Goal <= 1.05x.
#   2. memory: peak RSS (/usr/bin/time -v) of the build process sending a 1 GB context (8 x 128 MB). Goal <= 150 MB.
#   3. pipeline (BENCH_PIPELINE=1): the sample up to Push (Test and Push invoked: Restore, Compile, Test, Image,
#      Push) with default parallelism vs --parallel 1, to a local docker-registry.
# Uses DOCKER_HOST when it answers, else starts Debian's dockerd (docker.io) on vfs in a temp dir.
#   bench/docker/run.sh
#   BENCH_RUNS=9 BENCH_PIPELINE=1 bench/docker/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=bench/lib/dockerd.sh
source "$here/../lib/dockerd.sh"
runs="${BENCH_RUNS:-5}"
docker=/usr/bin/docker
[ -x "$docker" ] || docker="$(command -v docker)"

work="$(mktemp -d /tmp/bench-docker-XXXXXX)"
registry=""
cleanup() {
  [ -n "$registry" ] && kill "$registry" 2>/dev/null || true
  bench_engine_stop "$work"
  rm -rf "$work"
}
trap cleanup EXIT

bench_engine_start "$work" "$docker"

dotnet build "$here/Deploy.Bench.Docker.csproj" -c Release -nologo -v quiet >/dev/null
bench="$here/bin/Release/net10.0/Deploy.Bench.Docker.dll"
export BENCH_REVISION=0123456789abcdef0123456789abcdef01234567
mkdir -p "$work/root/.nuke"
cd "$work/root"

image() { # CONTEXT NAME
  BENCH_SOURCE="$1" dotnet "$bench" Image --skip Compile --docker-context . --image-name "$2" --verbosity quiet >/dev/null
}
docker_build() { # CONTEXT NAME
  DOCKER_BUILDKIT=0 "$docker" build -q -t "$2:0123456" \
    --label "org.opencontainers.image.created=$(date -u +%Y-%m-%dT%H:%M:%SZ)" --label org.opencontainers.image.version=0123456 \
    --label "org.opencontainers.image.revision=$BENCH_REVISION" --label org.opencontainers.image.source=bench "$1" >/dev/null
}
seconds() { local start end; start=$(date +%s.%N); "$@"; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version), $("$docker" version --format '{{.Server.Version}}') ($("$docker" info --format '{{.Driver}}'))"

# 1. time
ctx="$work/ctx"
mkdir -p "$ctx"
for d in $(seq 20); do
  mkdir -p "$ctx/d$d"
  for f in $(seq 100); do head -c 102400 /dev/urandom >"$ctx/d$d/f$f.bin"; done
done
printf 'FROM scratch\nCOPY . /ctx/\n' >"$ctx/Dockerfile"
image "$ctx" bench-image; docker_build "$ctx" bench-docker # warm-up (and the cached COPY layer for both)
: >"$work/image.times"; : >"$work/docker.times"
for i in $(seq "$runs"); do
  seconds image "$ctx" bench-image >>"$work/image.times"
  seconds docker_build "$ctx" bench-docker >>"$work/docker.times"
done
mi=$(median <"$work/image.times"); md=$(median <"$work/docker.times")
echo "time, 2000 files / 200 MB, $runs runs each, alternating:"
echo "  Image target : median ${mi}s  ($(tr '\n' ' ' <"$work/image.times"))"
echo "  docker build : median ${md}s  ($(tr '\n' ' ' <"$work/docker.times"))"
echo "  ratio Image / docker build = $(echo "scale=3; $mi / $md" | bc)  (goal <= 1.05)"
"$docker" image rm -f bench-image:0123456 bench-docker:0123456 >/dev/null 2>&1 || true
rm -rf "$ctx"

# 2. memory
big="$work/big"
mkdir -p "$big"
for f in $(seq 8); do head -c 134217728 /dev/urandom >"$big/part$f.bin"; done
echo small >"$big/small.txt"
printf 'FROM scratch\nCOPY small.txt /small.txt\n' >"$big/Dockerfile"
BENCH_SOURCE="$big" /usr/bin/time -v dotnet "$bench" Image --skip Compile --docker-context . --image-name bench-big --verbosity quiet \
  >/dev/null 2>"$work/time.txt"
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
echo "memory, 1 GB context (8 x 128 MB):"
echo "  Image target : peak RSS $((rss / 1024)) MB, wall $wall  (goal <= 150 MB)"
DOCKER_BUILDKIT=0 /usr/bin/time -v "$docker" build -q -t bench-big-docker "$big" >/dev/null 2>"$work/time.txt"
echo "  docker build : peak RSS $(( $(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt") / 1024 )) MB, wall $(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")"
"$docker" image rm -f bench-big:0123456 bench-big-docker >/dev/null 2>&1 || true
rm -rf "$big"

# 3. the sample pipeline up to Push
if [ "${BENCH_PIPELINE:-0}" = 1 ]; then
  port=$((20000 + RANDOM % 20000))
  mkdir -p "$work/registry"
  printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/registry/data" "$port" >"$work/registry/config.yml"
  docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
  registry=$!
  mkdir -p "$work/src/samples"
  cp -r "$repo/samples/hello-service" "$work/src/samples/"
  rm -rf "$work/src/samples/hello-service"/{src,tests}/*/{bin,obj}
  pipeline() { # PARALLEL-ARGS...
    BENCH_SOURCE="$work/src" dotnet "$bench" Test Push --registry "127.0.0.1:$port" --verbosity quiet "$@" >/dev/null
  }
  pipeline # warm-up: restores packages, fills the layer cache
  echo "pipeline, the sample up to Push (Restore, Compile, Test, Image, Push), alternating:"
  for i in 1 2; do
    echo "  default parallelism: $(seconds pipeline)s   --parallel 1: $(seconds pipeline --parallel 1)s"
  done
fi
