#!/usr/bin/env bash
# Bootstrapper: compile build/ only when its inputs changed, then run the compiled build.
#
#   ./build.sh [TARGET ...] [--help] [--plan] [--<parameter> VALUE ...]
#
# The no-change path is the common one and it is measured (bench/warm-start.sh). Every fork costs
# milliseconds, so that path runs builtins only, plus one `find`, then exec's the build: no dirname,
# no $(type -P), no md5sum, and no `dotnet build` (whose own up-to-date check takes seconds).
set -euo pipefail

# --- Where we are: the directory holding this script, resolved with builtins. ----------------------
script=${BASH_SOURCE[0]}
if [[ $script == */* ]]; then ROOT=${script%/*}; else ROOT=.; fi
[[ $ROOT == /* ]] || ROOT=$PWD/$ROOT
ROOT=${ROOT//\/.\//\/}; ROOT=${ROOT%/.}   # ./build.sh: /repo/./build -> /repo/build in messages
BUILD_PROJECT=$ROOT/build/_build.csproj
BUILD_DLL=$ROOT/build/bin/_build.dll
TEMP_DIR=$ROOT/.nuke/temp
STAMP=$TEMP_DIR/build.stamp

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- Find dotnet; never download it (CI and developers install the SDK themselves). ----------------
# A PATH search in builtins: sets DOTNET to the first executable $1 on PATH.
find_on_path() {
    local dir dirs
    IFS=: read -r -a dirs <<< "$PATH"
    for dir in "${dirs[@]}"; do
        if [[ -f ${dir:-.}/$1 && -x ${dir:-.}/$1 ]]; then DOTNET=${dir:-.}/$1; return 0; fi
    done
    return 1
}

DOTNET=
if [[ -n ${DOTNET_EXE:-} ]]; then
    DOTNET=$DOTNET_EXE
    if [[ $DOTNET != */* ]]; then find_on_path "$DOTNET_EXE" || true; fi
    if [[ ! -f $DOTNET || ! -x $DOTNET ]]; then
        echo "error: DOTNET_EXE is '$DOTNET_EXE', which is not an executable file." >&2
        exit 1
    fi
elif find_on_path dotnet; then
    :
elif [[ -n ${DOTNET_ROOT:-} && -x $DOTNET_ROOT/dotnet ]]; then
    DOTNET=$DOTNET_ROOT/dotnet
elif [[ -x $HOME/.dotnet/dotnet ]]; then
    DOTNET=$HOME/.dotnet/dotnet
else
    cat >&2 <<'EOF'
error: dotnet was not found (looked at $DOTNET_EXE, dotnet on PATH, $DOTNET_ROOT/dotnet, ~/.dotnet/dotnet).
This build needs the .NET SDK 10. Install it, then run this script again:
  - Debian/Ubuntu: apt-get install dotnet-sdk-10.0 (from your distribution or Microsoft's package feed;
    see https://learn.microsoft.com/dotnet/core/install/linux)
  - any OS: the installers at https://dot.net/download
  - without root: the dotnet-install script (https://dot.net/v1/dotnet-install.sh), run as
      ./dotnet-install.sh --channel 10.0
    which installs to ~/.dotnet, where this script looks.
Or set DOTNET_EXE to the dotnet executable to use.
EOF
    exit 1
fi

# --- Fingerprint of everything that goes into build/bin/_build.dll. -------------------------------
# Path, mtime and size of every input, listed by one `find`, so an edit, an added file and a deleted
# file all change it. The listing itself is the stamp: comparing strings needs no hashing process,
# and an old stamp can be diffed against a fresh listing to see what triggered a rebuild. Paths are
# relative to the root, so moving the checkout alone does not force a rebuild.
starts=(build)
[[ -d $ROOT/src ]] && starts+=(src)
for f in Directory.Build.props Directory.Build.targets Directory.Packages.props Directory.Build.rsp \
         global.json NuGet.config nuget.config NuGet.Config .editorconfig; do
    if [[ -f $ROOT/$f ]]; then starts+=("$f"); fi
done

# Called as $(fingerprint): the cd happens in that subshell, which then becomes `find` (one fork).
fingerprint() {
    cd "$ROOT" && exec find "${starts[@]}" \( -name bin -o -name obj \) -prune -o -type f \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.rsp' \
           -o -name global.json -o -iname nuget.config -o -name .editorconfig -o -name '*.globalconfig' \) \
        -printf '%p %T@ %s\n'
}

up_to_date() {
    local stamp=
    [[ -f $BUILD_DLL && -f $STAMP ]] || return 1
    IFS= read -r -d '' stamp < "$STAMP" || true   # reads the whole file; a builtin, unlike $(<file)
    [[ $stamp == "$1" ]]
}

# If find fails (an unreadable directory, a find without -printf) nothing can be trusted: compile.
current=$(fingerprint) || current="unknown $RANDOM"
if ! up_to_date "$current"; then
    mkdir -p "$TEMP_DIR"
    # Two runs started at once (parallel tests, two terminals) must not compile into the same obj/
    # together: take a lock, then look again, since the other one may just have compiled it.
    if type -P flock > /dev/null; then
        exec 9> "$TEMP_DIR/build.lock"
        flock 9
        current=$(fingerprint) || current="unknown $RANDOM"
    fi
    if ! up_to_date "$current"; then
        log=$TEMP_DIR/build.sh.log
        echo "Compiling the build project (its inputs changed) ..." >&2
        # Forget the old stamp first: a failed build may have half-updated bin/, so the next run must
        # compile again even if the inputs go back to exactly what the old stamp lists.
        : > "$STAMP"
        # Quiet unless it fails: a successful compile is not news, a failing one needs the compiler's
        # words. 9>&-: the lock must not leak into a compiler server that outlives this build.
        code=0
        "$DOTNET" build "$BUILD_PROJECT" -nologo -v quiet /nodeReuse:false > "$log" 2>&1 9>&- || code=$?
        if (( code != 0 )); then
            cat "$log" >&2
            echo "error: compiling $BUILD_PROJECT failed (dotnet build exited with $code); output above and in $log." >&2
            exit "$code"
        fi
        # The listing taken *before* compiling: a file edited meanwhile differs from it next time.
        printf '%s' "$current" > "$STAMP"
    fi
    exec 9>&-
fi

# exec: signals (Ctrl+C, SIGTERM) and the exit code go straight to and from the build.
exec "$DOTNET" "$BUILD_DLL" "$@"
