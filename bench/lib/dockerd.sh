# Sourced by the benchmarks that need a Docker engine: DOCKER_HOST when it answers, else Debian's dockerd (docker.io)
# on vfs in WORK/d, with this machine's limits (no iptables, no bridge: host networking).
#   bench_engine_start WORK DOCKER   sets DOCKER_HOST, and bench_daemon to the pid of a dockerd started here
#   bench_engine_stop WORK           stops that dockerd and unmounts what it left under WORK (call from the cleanup)
bench_daemon=""

bench_engine_start() {
  local work=$1 docker=$2
  if [ -n "${DOCKER_HOST:-}" ] && "$docker" version >/dev/null 2>&1; then
    echo "engine: $DOCKER_HOST (already running)"
    return
  fi
  command -v dockerd >/dev/null || { echo "error: dockerd is not installed: apt-get install -y docker.io" >&2; exit 1; }
  export DOCKER_HOST="unix://$work/d/docker.sock"
  mkdir -p "$work/d"
  dockerd --host "$DOCKER_HOST" --data-root "$work/d/data" --exec-root "$work/d/exec" --pidfile "$work/d/pid" \
    --storage-driver=vfs --iptables=false --ip6tables=false --bridge=none >"$work/d/log" 2>&1 &
  bench_daemon=$!
  # A deadline on the engine answering, polled (a benchmark script, not a test).
  for _ in $(seq 600); do "$docker" version >/dev/null 2>&1 && break; sleep 0.1; done
  "$docker" version >/dev/null || { echo "error: dockerd did not start:" >&2; tail "$work/d/log" >&2; exit 1; }
  echo "engine: $DOCKER_HOST (dockerd started here, vfs)"
}

bench_engine_stop() {
  local work=$1
  if [ -n "$bench_daemon" ]; then kill "$bench_daemon" 2>/dev/null || true; wait "$bench_daemon" 2>/dev/null || true; fi
  # dockerd leaves its network namespace bind-mounted under the exec root.
  grep -o " $work/[^ ]*" /proc/self/mounts | sort -r | xargs -r -n1 umount --lazy 2>/dev/null || true
}
