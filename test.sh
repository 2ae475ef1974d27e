#!/usr/bin/env bash
# Runs Deploy's whole test suite on a fresh machine: installs what the tests need (Debian packages), then
# runs every test project. The tests' fixtures start the real services themselves (on 127.0.0.1, free ports).
# The last line is the tally: "N passed, N failed, N skipped"; the exit code is non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Whatever stops the script before the tests report (a failed install, no dotnet, unformatted code), the last line
# is still the tally: one failure. Cleared once the real tally is printed.
tallied=""
trap '[[ -n $tallied ]] || echo "0 passed, 1 failed, 0 skipped"' EXIT

# Programs the fixtures start, by the Debian package that ships them.
packages=(prometheus-pushgateway prometheus golang-go git openssh-server openssh-client docker.io docker-registry chromium fonts-liberation)
# npm installs the workflow validator below; Debian's npm only when the machine has no npm of its own.
command -v npm >/dev/null || packages+=(npm)
# The Kubernetes tests check the API emulator against the real client: Debian's kubectl when the machine has none.
command -v kubectl >/dev/null || packages+=(kubernetes-client)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing test dependencies: ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "error: installing ${missing[*]} needs root (or sudo)." >&2; exit 1; }
    sudo=sudo
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The npm package that checks generated workflows against GitHub's schema, installed into .tools/ (not global).
validator=.tools/npm/node_modules/.bin/action-validator
if [[ ! -x $validator ]]; then
  echo "Installing @action-validator/cli into .tools/npm"
  npm install --silent --no-audit --no-fund --prefix .tools/npm @action-validator/cli@0.6.0 >/dev/null
fi
export ACTION_VALIDATOR="$PWD/$validator"

command -v dotnet >/dev/null || { echo "error: dotnet (the .NET 10 SDK) is not on PATH. Install it (https://dot.net), then run ./test.sh again." >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# PowerShell 7, which the build.ps1 tests run, as a .NET tool in .tools/pwsh (not global). 7.6.9: a later 7.7
# may want a newer .NET than the SDK's. The tests find it through $PWSH; in CI a missing pwsh fails them.
pwsh=.tools/pwsh/pwsh
if [[ ! -x $pwsh ]]; then
  echo "Installing PowerShell 7.6.9 into .tools/pwsh"
  dotnet tool install PowerShell --version 7.6.9 --tool-path .tools/pwsh >/dev/null
fi
export PWSH="$PWD/$pwsh"

results=.test-results
rm -rf "$results"

# The code style (.editorconfig) first: a formatting slip fails fast, before minutes of tests. Whitespace and style
# only: the analyzers pass loads the solution without building our own suppressor (src/Deploy.Build.Analyzers), so
# it would report CS1591 for every [Parameter] member; the build itself runs the analyzers (TreatWarningsAsErrors).
if ! dotnet format whitespace Deploy.sln --verify-no-changes || ! dotnet format style Deploy.sln --verify-no-changes; then
  echo "error: the code is not formatted as .editorconfig says. Run 'dotnet format whitespace Deploy.sln && dotnet format style Deploy.sln', then ./test.sh again." >&2
  exit 1
fi

status=0
dotnet test Deploy.sln --logger "trx" --results-directory "$results" "$@" || status=$?

# Tally every project's TRX counters. xunit's skipped tests are neither executed nor counted as
# notExecuted by VSTest, so skipped = total - executed.
passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value total) - $(value executed)))
done
# The committed workflow must match the build it is generated from (one more check, counted like a test).
if ./build.sh --generate-workflow github --check && "$ACTION_VALIDATOR" .github/workflows/deploy.yml; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  status=1
fi

if ((status != 0 && failed == 0)); then
  # The build or a test host failed before reporting a failed test: count it, so the tally never looks green.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
tallied=yes
exit $((status != 0 || failed != 0))
