#!/usr/bin/env bash
# Warm start: how long `./build.sh --help` takes when nothing needs compiling, against
#   - the assembly it runs, started directly (`dotnet <TargetPath> --help`): the bootstrapper's own share,
#   - NUKE's bootstrap sequence on the same build project (it always runs `dotnet build`, then
#     `dotnet run --no-build`, which still evaluates the project),
#   - a .NET hello world started the same way (`dotnet hello.dll`): the floor for any .NET program, and
#   - optionally another checkout's ./build.sh (BASELINE=DIR, e.g. an export of main), in the same
#     hyperfine run, so that a change to the bootstrapper is measured before and after side by side.
# Then what the bootstrapper's compile costs over a plain `dotnet build` (COMPILE_RUNS, after an edit
# of build/Build.cs): it asks MSBuild for the TargetPath and logs the imports in the same call.
# Goals: at least 8x faster than the NUKE sequence (issue 2), and within 3x of the hello world (issue 14).
#
#   bench/warm-start.sh [REPO_ROOT] [OUT_DIR]
#
# Needs hyperfine (Debian: apt-get install hyperfine) and the .NET SDK. Writes the hyperfine tables
# (Markdown, CSV, JSON) and a summary to OUT_DIR (default REPO_ROOT/.nuke/temp/bench/warm-start),
# prints the summary, and exits 1 if a goal is missed (0 if both hold). Knobs: RUNS (20),
# NUKE_RUNS (5), WARMUP (3), COMPILE_RUNS (3; 0 skips that part), BASELINE (unset).
set -euo pipefail

ROOT=$(cd "${1:-.}" && pwd)
OUT=${2:-$ROOT/.nuke/temp/bench/warm-start}
RUNS=${RUNS:-20}
NUKE_RUNS=${NUKE_RUNS:-5}
WARMUP=${WARMUP:-3}
COMPILE_RUNS=${COMPILE_RUNS:-3}
BASELINE=${BASELINE:-}
DOTNET=${DOTNET_EXE:-dotnet}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { echo "error: $*" >&2; exit 2; }
command -v hyperfine > /dev/null || die "hyperfine is not installed (Debian: apt-get install hyperfine)."
command -v "$DOTNET" > /dev/null || die "dotnet not found (set DOTNET_EXE or put it on PATH)."
[[ -x $ROOT/build.sh && -d $ROOT/.nuke && -f $ROOT/build/_build.csproj ]] \
    || die "$ROOT does not look like the repository root (build.sh, .nuke/, build/_build.csproj)."
if [[ -n $BASELINE ]]; then
    BASELINE=$(cd "$BASELINE" && pwd) || die "BASELINE '$BASELINE' is not a directory."
    [[ -x $BASELINE/build.sh ]] || die "BASELINE '$BASELINE' has no build.sh."
fi
mkdir -p "$OUT"
rm -f "$OUT"/compile.*   # a previous run's, which this one may not repeat
cd "$ROOT"

# --- 1. Warm: compile once, then make sure the measured runs will not compile. -----------------------
warm() {
    local root=$1 name=$2
    echo "== Warming up $root/build.sh (compiles the build project if its inputs changed)"
    "$root/build.sh" --help > "$OUT/$name-help.txt" 2> "$OUT/$name-warmup.err" || { cat "$OUT/$name-warmup.err" >&2; die "$root/build.sh --help failed."; }
    "$root/build.sh" --help > /dev/null 2> "$OUT/$name-warm-check.err" || die "$root/build.sh --help failed on the second run."
    if grep -q 'Compiling' "$OUT/$name-warm-check.err"; then
        die "$root/build.sh compiled again on a run with no change: its stamp is not sticking, so nothing here would be a warm start."
    fi
}
warm "$ROOT" ours
[[ -z $BASELINE ]] || warm "$BASELINE" baseline
# The assembly build.sh runs: the stamp's `run` line, relative to the root unless absolute.
ASSEMBLY=$(sed -n 's/^run //p' .nuke/temp/build.stamp)
[[ -n $ASSEMBLY ]] || die ".nuke/temp/build.stamp names no assembly to run (no 'run' line)."

# --- 2. The hello world: the same SDK, Release, started through the same muxer as the build. ---------
HELLO=$(mktemp -d "${TMPDIR:-/tmp}/warm-start-hello.XXXXXX")
trap 'rm -rf "$HELLO"' EXIT
cat > "$HELLO/hello.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk">
  <!-- What `dotnet new console` gives, written out so that the baseline does not depend on templates. -->
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
</Project>
EOF
# Its own Directory.Build.props stops MSBuild from picking up one from a parent of the temp dir.
echo '<Project />' > "$HELLO/Directory.Build.props"
echo 'Console.WriteLine("Hello, World!");' > "$HELLO/Program.cs"
echo "== Building the hello world in $HELLO"
"$DOTNET" build "$HELLO/hello.csproj" -c Release -nologo -v quiet -o "$HELLO/out" > "$OUT/hello-build.log" 2>&1 \
    || { cat "$OUT/hello-build.log" >&2; die "building the hello world failed."; }
HELLO_DLL=$HELLO/out/hello.dll
[[ $("$DOTNET" "$HELLO_DLL") == "Hello, World!" ]] || die "the hello world does not print Hello, World!"

# --- 3. Measure. ------------------------------------------------------------------------------------
# The fast commands run without a shell (-N), so the numbers are the programs' own; the NUKE sequence
# needs one for its &&, and at seconds per run a shell's start is noise.
NUKE="$DOTNET build build/_build.csproj /nodeReuse:false /p:UseSharedCompilation=false --verbosity quiet && $DOTNET run --project build/_build.csproj --no-build -- --help"
baseline=()
[[ -z $BASELINE ]] || baseline=(-n "baseline: $BASELINE/build.sh --help" "$BASELINE/build.sh --help")

stamp_before=$(cksum < .nuke/temp/build.stamp)
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== Load before measuring: $load on $(nproc) cores (measure on an idle machine)"
echo "== hyperfine: warm start (--warmup $WARMUP --runs $RUNS)"
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" \
    --export-markdown "$OUT/fast.md" --export-csv "$OUT/fast.csv" --export-json "$OUT/fast.json" \
    -n './build.sh --help' './build.sh --help' \
    -n "dotnet $ASSEMBLY --help (no bootstrapper)" "$DOTNET $ASSEMBLY --help" \
    -n 'dotnet hello.dll (hello world)' "$DOTNET $HELLO_DLL" \
    "${baseline[@]}"
echo "== hyperfine: NUKE's bootstrap sequence (--warmup 1 --runs $NUKE_RUNS)"
hyperfine --warmup 1 --runs "$NUKE_RUNS" \
    --export-markdown "$OUT/nuke.md" --export-csv "$OUT/nuke.csv" --export-json "$OUT/nuke.json" \
    -n 'NUKE: dotnet build + dotnet run --no-build -- --help' "$NUKE"

# Someone editing the build's inputs meanwhile makes ./build.sh compile inside the timed runs: say so.
if [[ $(cksum < .nuke/temp/build.stamp) != "$stamp_before" ]]; then
    echo "warning: the build's inputs changed while measuring, so some ./build.sh runs compiled: measure again." >&2
fi

# --- 4. What asking MSBuild costs on a compile. ----------------------------------------------------------
# After an edit of build/Build.cs (the usual reason to compile): a plain `dotnet build`, against the
# call build.sh makes (-t:Build -getProperty:..., MSBUILDLOGIMPORTS=1 and a detailed file log).
if (( COMPILE_RUNS > 0 )); then
    echo "== hyperfine: compile after an edit of build/Build.cs (--runs $COMPILE_RUNS)"
    hyperfine --runs "$COMPILE_RUNS" --prepare 'touch build/Build.cs' \
        --export-markdown "$OUT/compile.md" --export-csv "$OUT/compile.csv" --export-json "$OUT/compile.json" \
        -n 'dotnet build (plain)' "$DOTNET build build/_build.csproj -nologo -v quiet /nodeReuse:false" \
        -n 'dotnet build as build.sh asks it' "MSBUILDLOGIMPORTS=1 DOTNET_CLI_UI_LANGUAGE=en $DOTNET build build/_build.csproj -nologo -v quiet /nodeReuse:false -t:Build -getProperty:TargetPath,OutputType,TargetFrameworks,NetCoreRoot,NuGetPackageRoot,NuGetPackageFolders '-flp:verbosity=detailed;encoding=utf-8;logfile=$OUT/compile-msbuild.log'"
    # Leave the stamp warm again (the touches made it stale).
    ./build.sh --help > /dev/null 2>&1 || die "./build.sh --help failed after the compile measurements."
fi

# --- 5. Ratios and goals. ---------------------------------------------------------------------------
# From hyperfine's CSV (command,mean,stddev,median,user,system,min,max; seconds): the goals are judged
# on means. Medians and CPU time (user+system) are shown beside them: on a busy machine the wall
# clock swings with the neighbours, the CPU a program itself burns much less.
row() { awk -F, -v row="$2" 'NR == row + 1 { print $2, $4, $5 + $6 }' "$1"; }
summary=$(awk -v ours="$(row "$OUT/fast.csv" 1)" -v engine="$(row "$OUT/fast.csv" 2)" \
              -v hello="$(row "$OUT/fast.csv" 3)" -v base="$(row "$OUT/fast.csv" 4)" -v nuke="$(row "$OUT/nuke.csv" 1)" \
              -v plain="$( [[ -f $OUT/compile.csv ]] && row "$OUT/compile.csv" 1)" \
              -v asked="$( [[ -f $OUT/compile.csv ]] && row "$OUT/compile.csv" 2)" -v assembly="$ASSEMBLY" 'BEGIN {
    split(ours, o, " "); split(engine, e, " "); split(hello, h, " "); split(nuke, n, " ")
    printf "| command | mean | median | CPU (user+sys) |\n|---|---:|---:|---:|\n"
    printf "| `./build.sh --help` | %.1f ms | %.1f ms | %.1f ms |\n", o[1] * 1e3, o[2] * 1e3, o[3] * 1e3
    if (base != "") {
        split(base, b, " ")
        printf "| baseline `./build.sh --help` | %.1f ms | %.1f ms | %.1f ms |\n", b[1] * 1e3, b[2] * 1e3, b[3] * 1e3
    }
    printf "| `dotnet %s --help` (no bootstrapper) | %.1f ms | %.1f ms | %.1f ms |\n", assembly, e[1] * 1e3, e[2] * 1e3, e[3] * 1e3
    printf "| hello world (`dotnet hello.dll`) | %.1f ms | %.1f ms | %.1f ms |\n", h[1] * 1e3, h[2] * 1e3, h[3] * 1e3
    printf "| NUKE bootstrap sequence | %.0f ms | %.0f ms | %.0f ms |\n\n", n[1] * 1e3, n[2] * 1e3, n[3] * 1e3
    faster = n[1] / o[1]; slower = o[1] / h[1]
    printf "- NUKE sequence / `./build.sh --help`: **%.1fx** on means (goal >= 8x): %s; medians %.1fx, CPU %.1fx\n", \
        faster, (faster >= 8 ? "met" : "MISSED"), n[2] / o[2], n[3] / o[3]
    printf "- `./build.sh --help` / hello world: **%.2fx** on means (goal <= 3x): %s; medians %.2fx, CPU %.2fx\n", \
        slower, (slower <= 3 ? "met" : "MISSED"), o[2] / h[2], o[3] / h[3]
    printf "- the bootstrapper itself (fingerprint check, then exec): %.1f ms on means, %.1f ms on medians\n", \
        (o[1] - e[1]) * 1e3, (o[2] - e[2]) * 1e3
    if (base != "")
        printf "- against the baseline: %+.1f ms on means, %+.1f ms on medians, %+.1f ms CPU\n", \
            (o[1] - b[1]) * 1e3, (o[2] - b[2]) * 1e3, (o[3] - b[3]) * 1e3
    if (plain != "") {
        split(plain, p, " "); split(asked, a, " ")
        printf "- compile after an edit of build/Build.cs: plain `dotnet build` %.2f s (CPU %.2f s), as build.sh asks it %.2f s (CPU %.2f s): %+.2f s, %+.2f s CPU\n", \
            p[1], p[3], a[1], a[3], a[1] - p[1], a[3] - p[3]
    }
}')
{
    echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), .NET SDK $("$DOTNET" --version), $(hyperfine --version); load average before: $load"
    echo
    cat "$OUT/fast.md"; echo; cat "$OUT/nuke.md"; echo
    [[ ! -f $OUT/compile.md ]] || { cat "$OUT/compile.md"; echo; }
    echo "$summary"
} > "$OUT/summary.md"
echo
cat "$OUT/summary.md"
echo
echo "Results in $OUT"
grep -q MISSED <<< "$summary" && exit 1
exit 0
