#!/usr/bin/env bash
# dotnet new deploy (issue 14): the wall time from `dotnet new deploy` in a fresh repository of a service to its
# container serving (`dotnet new deploy`, then `./build.sh Smoke`: restore, compile, test and image, rollout on the
# Docker engine, and the generated Smoke target's request), for a .NET service (the sample, without its Dockerfile)
# and a Go service (standard library only), each
#   cold : an empty NuGet package folder and Go cache (the Deploy packages, the service's packages and the runtime
#          packs are restored for the first time, as on a new machine or a CI runner without a cache),
#   warm : WARM_RUNS more fresh repositories (default 2) with that folder and cache filled.
# Then the generated build's warm `./build.sh --help` against a .NET hello world: bench/warm-start.sh on the last
# warm .NET repository (goal: within 3x).
#
#   bench/template.sh [REPO_ROOT]
#
# Packs every package from REPO_ROOT's committed HEAD (a clone) into a local feed, installs Deploy.Templates from
# it into a private template hive, and restores through a NuGet.config of that feed and this machine's own package
# sources. Uses DOCKER_HOST when it answers, else starts Debian's dockerd (docker.io) on vfs. Needs hyperfine for
# the warm-start part, golang-go for the Go service.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib/dockerd.sh
source "$here/lib/dockerd.sh"

ROOT=$(cd "${1:-.}" && pwd)
WARM_RUNS=${WARM_RUNS:-2}
docker=$(command -v docker) || { echo "error: docker is not installed: apt-get install -y docker.io" >&2; exit 1; }
command -v go >/dev/null || { echo "error: go is not installed: apt-get install -y golang-go" >&2; exit 1; }
work=$(mktemp -d /tmp/bench-template-XXXXXX)
prefix="bench-template-$$-"
cleanup() {
  "$docker" ps -aq --filter "name=$prefix" 2>/dev/null | xargs -r "$docker" rm -f >/dev/null 2>&1 || true
  bench_engine_stop "$work"
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "error: $1" >&2; [ -z "${2:-}" ] || tail -40 "$2" >&2; exit 1; }

# What a user's shell would not have: nothing of the workplace's DEPLOY_ settings steers these builds.
while read -r name; do unset "$name"; done < <(compgen -e | grep '^DEPLOY_' || true)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bench_engine_start "$work" "$docker"

echo "== Packing every Deploy package from $ROOT (committed HEAD) into $work/feed"
git clone --quiet "$ROOT" "$work/deploy"
(cd "$work/deploy" && NUGET_PACKAGES="$work/pack-packages" dotnet pack Deploy.sln -c Release -o "$work/feed" -nologo) >"$work/pack.log" 2>&1 \
  || fail "dotnet pack failed" "$work/pack.log"
template=$(ls "$work/feed"/Deploy.Templates.*.nupkg)
python3 - "$work" <<'EOF'
import os, sys, xml.etree.ElementTree as ET
work = sys.argv[1]
config = ET.Element("configuration"); sources = ET.SubElement(config, "packageSources")
ET.SubElement(sources, "clear"); ET.SubElement(sources, "add", key="deploy-local", value=os.path.join(work, "feed"))
machine = os.path.expanduser("~/.nuget/NuGet/NuGet.Config")
if os.path.exists(machine):
    for add in ET.parse(machine).getroot().findall("./packageSources/add"):
        sources.append(add)
ET.ElementTree(config).write(os.path.join(work, "NuGet.config"))
EOF
dotnet new install "$template" --debug:custom-hive "$work/hive" >"$work/install.log" 2>&1 || fail "dotnet new install failed" "$work/install.log"

commit_all() { git -C "$1" add --all && git -C "$1" -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false commit -qm "$2"; }

new_dotnet_service() {
  mkdir -p "$1"
  git -C "$work/deploy" archive HEAD:samples/hello-service | tar -x -C "$1"
  rm -f "$1/Dockerfile" "$1/README.md"
  printf 'bin/\nobj/\n' > "$1/.gitignore"
  git -C "$1" init --quiet --initial-branch main && commit_all "$1" "The service"
}

new_go_service() {
  mkdir -p "$1"
  printf 'module example.com/hello\n\ngo 1.19\n' > "$1/go.mod"
  cat > "$1/main.go" <<'EOF'
package main

import (
	"fmt"
	"net/http"
	"os"
)

var commit = "unknown"

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "Hello from Go, commit "+commit) })
	if err := http.ListenAndServe("127.0.0.1:"+port, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
EOF
  cat > "$1/main_test.go" <<'EOF'
package main

import "testing"

func TestCommitHasADefault(t *testing.T) {
	if commit == "" {
		t.Fatal("commit is empty")
	}
}
EOF
  git -C "$1" init --quiet --initial-branch main && commit_all "$1" "The Go service"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# One measurement: a fresh repository of KIND (dotnet|go) named NAME, from `dotnet new deploy` to the service
# answering; prints the seconds. The build's own Smoke target has requested the service; the bench asks again.
serve() {
  local kind=$1 name=$2 repo=$work/$2 port container options
  port=$(free_port) container="$prefix$name"
  if [ "$kind" = go ]; then new_go_service "$repo"; options=(-n hello --toolchain go); else new_dotnet_service "$repo"; options=(-n HelloService); fi
  local start end
  start=$(date +%s.%N)
  (cd "$repo" && dotnet new deploy --debug:custom-hive "$work/hive" "${options[@]}" && \
    ./build.sh Smoke --docker-host "$DOCKER_HOST" --container-name "$container" --service-port "$port") >"$work/$name.log" 2>&1 \
    || fail "dotnet new deploy + ./build.sh Smoke failed for the $kind service ($name)" "$work/$name.log"
  end=$(date +%s.%N)
  curl -fsS "http://127.0.0.1:$port/" >/dev/null || fail "the $kind service ($name) does not answer on $port" "$work/$name.log"
  "$docker" rm -f "$container" >/dev/null
  echo "$end - $start" | bc
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A cold warm
for kind in dotnet go; do
  export NUGET_PACKAGES="$work/packages-$kind" GOCACHE="$work/gocache-$kind" GOPATH="$work/gopath-$kind"
  cold[$kind]=$(serve "$kind" "$kind-cold")
  echo "$kind cold: ${cold[$kind]} s"
  runs=()
  for i in $(seq "$WARM_RUNS"); do runs+=("$(serve "$kind" "$kind-warm-$i")"); echo "$kind warm $i: ${runs[-1]} s"; done
  warm[$kind]="$(median "${runs[@]}") s (median of ${runs[*]})"
done

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version), go $(go env GOVERSION), $("$docker" version --format '{{.Server.Version}}')"
echo "dotnet new deploy -> serving container (./build.sh Smoke, docker rollout, no registry):"
for kind in dotnet go; do echo "  $kind : cold ${cold[$kind]} s, warm ${warm[$kind]}"; done

echo "== The generated build's warm ./build.sh --help (bench/warm-start.sh on $work/dotnet-warm-$WARM_RUNS)"
export NUGET_PACKAGES="$work/packages-dotnet"
NUKE_RUNS=${NUKE_RUNS:-3} COMPILE_RUNS=0 "$here/warm-start.sh" "$work/dotnet-warm-$WARM_RUNS" "$work/warm-start" || status=$?
exit "${status:-0}"
