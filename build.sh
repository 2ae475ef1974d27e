#!/usr/bin/env bash
# Bootstrapper: compile build/_build.csproj only when its inputs changed, then run the assembly it produced.
#
#   ./build.sh [TARGET ...] [--help] [--plan] [--<parameter> VALUE ...]
#
# The no-change path is the common one and it is measured (bench/warm-start.sh). Every fork costs
# milliseconds, so that path runs builtins only, plus one `find`, then exec's the build: no dirname,
# no $(type -P), no md5sum, and no `dotnet build` (whose own up-to-date check takes seconds).
#
# What the inputs are is MSBuild's answer, not a guess: the compile asks it for the assembly it produced
# and logs every project it built and every file it imported. .nuke/temp/build.stamp keeps that answer:
#
#   deploy build stamp 1
#   run build/bin/Debug/net10.0/_build.dll     the assembly to run (it is listed below too: a deleted or
#                                              replaced one forces a compile, never a stale run)
#   dir build                                  a project's directory: its sources, by the globs below
#   file Directory.Build.props                 an imported file, or a global.json/NuGet.config/... in a
#                                              directory above a project
#   absent global.json                         a file that would change the build if it appeared
#   --
#   build/Build.cs 1764582331.1234567890 2345  path, mtime and size of each, as `find` lists them now
#
# Paths under the root are relative to it, so moving the checkout alone does not force a compile.
set -euo pipefail

# --- Where we are: the directory holding this script, resolved with builtins. ----------------------
script=${BASH_SOURCE[0]}
if [[ $script == */* ]]; then ROOT=${script%/*}; else ROOT=.; fi
[[ $ROOT == /* ]] || ROOT=$PWD/$ROOT
ROOT=${ROOT//\/.\//\/}; ROOT=${ROOT%/.}   # ./build.sh: /repo/./build -> /repo/build in messages
BUILD_PROJECT=build/_build.csproj          # relative to the root, where the compile runs
TEMP_DIR=$ROOT/.nuke/temp
STAMP=$TEMP_DIR/build.stamp
STAMP_VERSION='deploy build stamp 1'

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

# --- The stamp, read with builtins into RUN, STARTS, MATCHES, ABSENT and LISTING. ------------------
read_stamp() {
    local -a lines
    local line i
    RUN= STARTS=() MATCHES=() ABSENT=() LISTING=
    [[ -f $STAMP ]] || return 1
    # mapfile reads a file in blocks; and the header is found by index: a pattern like ${stamp%%--*}
    # over the whole text is quadratic in bash, milliseconds at this size.
    mapfile -t lines < "$STAMP"
    [[ ${lines[0]:-} == "$STAMP_VERSION" ]] || return 1
    for (( i = 1; i < ${#lines[@]}; i++ )); do
        line=${lines[i]}
        case $line in
            --) break ;;
            "dir "*) STARTS+=("${line#dir }") ;;
            "file "* | "run "*)
                # A file is a start point of `find` and matched by its exact path (its name may match no
                # source glob): -path reads [ * ? \ as a pattern, so those are escaped.
                if [[ $line == "run "* ]]; then RUN=${line#run }; fi
                line=${line#* }
                STARTS+=("$line")
                if [[ $line == *[][*?\\]* ]]; then line=${line//\\/\\\\}; line=${line//\*/\\*}; line=${line//\?/\\?}; line=${line//\[/\\[}; fi
                MATCHES+=(-o -path "$line") ;;
            "absent "*) ABSENT+=("${line#absent }") ;;
        esac
    done
    [[ ${lines[i]:-} == -- && -n $RUN ]] || return 1
    local IFS=$'\n'
    LISTING="${lines[*]:i+1}"
}

# Path, mtime and size of every input, listed by one `find`, so an edit, an added file and a deleted
# file all change it. The listing itself is the stamp: comparing strings needs no hashing process,
# and an old stamp can be diffed against a fresh listing to see what triggered a compile.
# Called as $(fingerprint [find tests]): the cd happens in that subshell, which then becomes `find`
# (one fork). A missing start point (a deleted assembly, import or project) makes find fail: compile.
fingerprint() {
    local file
    cd "$ROOT" || return 1
    for file in "${ABSENT[@]}"; do [[ ! -e $file ]] || { echo "appeared: $file"; return 0; }; done
    exec find -H "${STARTS[@]}" \( -name bin -o -name obj \) -prune -o -type f "$@" \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.rsp' \
           -o -name global.json -o -iname nuget.config -o -name .editorconfig -o -name '*.globalconfig' \
           "${MATCHES[@]}" \) -printf '%p %T@ %s\n' 2> /dev/null
}

up_to_date() {
    local current
    read_stamp || return 1
    current=$(fingerprint) || return 1
    [[ $current == "$LISTING" ]]
}

# --- The compile, and what MSBuild says went into it. -------------------------------------------------
# JSON string contents as MSBuild writes them (System.Text.Json escapes +, non-ASCII, quotes): to REPLY.
json_unescape() {
    local s=$1 out= c
    while [[ $s == *\\* ]]; do
        out+=${s%%\\*}; s=${s#*\\}
        case ${s:0:1} in
            u) printf -v c "\\u${s:1:4}"; out+=$c; s=${s:5} ;;
            n) out+=$'\n'; s=${s:1} ;;
            t) out+=$'\t'; s=${s:1} ;;
            *) out+=${s:0:1}; s=${s:1} ;;
        esac
    done
    REPLY=$out$s
}

# Under the root (as this script or as the file system names it): relative to it, as the stamp stores
# paths; elsewhere: as it is.
relative() {
    if [[ $1 == "$ROOT"/* ]]; then REPLY=${1#"$ROOT"/}
    elif [[ $1 == "$PHYSICAL_ROOT"/* ]]; then REPLY=${1#"$PHYSICAL_ROOT"/}
    else REPLY=$1; fi
}

# Whether $1 is inside one of the project directories in WALKED (where `find` sees it anyway).
walked() {
    local dir
    for dir in "${WALKED[@]}"; do [[ $1 != "$dir"/* ]] || return 0; done
    return 1
}

compile() {
    local log=$TEMP_DIR/build.sh.log msbuild_log=$TEMP_DIR/build.sh.msbuild.log properties=$TEMP_DIR/build.sh.properties.json
    local code=0 line name kind path dir file target= output_type= frameworks= sdk= packages= folders=
    echo "Compiling the build project (its inputs changed) ..." >&2
    # Forget the old stamp first: a failed build may have half-updated bin/, so the next run must
    # compile again even if the inputs go back to exactly what the old stamp lists.
    : > "$STAMP"
    : > "$TEMP_DIR/build.sh.started"   # an input newer than this was edited while compiling
    # -t:Build with -getProperty: build, then print the properties' values after the build (JSON on
    # stdout; errors and warnings go to stderr). MSBUILDLOGIMPORTS=1: the detailed file log names every
    # file each project imported; DOTNET_CLI_UI_LANGUAGE=en keeps that log's wording what is parsed below.
    # In the root: dotnet picks the SDK by the global.json above the working directory. Quiet unless it
    # fails. 9>&-: the lock must not leak into a compiler server that outlives this build.
    (cd "$ROOT" && MSBUILDLOGIMPORTS=1 DOTNET_CLI_UI_LANGUAGE=en exec "$DOTNET" build "$ROOT/$BUILD_PROJECT" -nologo -v quiet \
        /nodeReuse:false -t:Build -getProperty:TargetPath,OutputType,TargetFrameworks,NetCoreRoot,NuGetPackageRoot,NuGetPackageFolders \
        "-flp:verbosity=detailed;encoding=utf-8;logfile=$msbuild_log") > "$properties" 2> "$log" 9>&- || code=$?
    if (( code != 0 )); then
        cat "$log" >&2
        echo "error: compiling $ROOT/$BUILD_PROJECT failed (dotnet build exited with $code); output above and in $log." >&2
        exit "$code"
    fi

    while IFS= read -r line; do
        [[ $line =~ ^\ *\"([A-Za-z]+)\":\ \"(.*)\",?$ ]] || continue
        name=${BASH_REMATCH[1]}; json_unescape "${BASH_REMATCH[2]}"
        case $name in
            TargetPath) target=$REPLY ;;
            OutputType) output_type=$REPLY ;;
            TargetFrameworks) frameworks=$REPLY ;;
            NetCoreRoot) sdk=${REPLY%/} ;;
            NuGetPackageRoot) packages=${REPLY%/} ;;
            NuGetPackageFolders) folders=$REPLY ;;
        esac
    done < "$properties"
    if [[ -z $target ]]; then
        echo "error: $ROOT/$BUILD_PROJECT compiled, but MSBuild reports no TargetPath for it${frameworks:+ (it targets several frameworks: TargetFrameworks is '$frameworks')}. A build project targets one framework: set <TargetFramework>net10.0</TargetFramework> in it." >&2
        exit 1
    fi
    if [[ $output_type != Exe && $output_type != WinExe ]]; then
        echo "error: $ROOT/$BUILD_PROJECT compiled to a library (OutputType is '$output_type'), which cannot be run. Set <OutputType>Exe</OutputType> in it." >&2
        exit 1
    fi
    if [[ ! -f $target ]]; then
        echo "error: $ROOT/$BUILD_PROJECT compiled, but its TargetPath '$target' does not exist. Check the OutputPath the project (or a Directory.Build.props) sets; MSBuild's log is $msbuild_log." >&2
        exit 1
    fi
    PHYSICAL_ROOT=$(cd -P "$ROOT" && pwd)

    # Every project MSBuild built and every file it imported, from the detailed log. The SDK's and the
    # NuGet packages' own files are not inputs of this repository (their versions are, in the project
    # files and Directory.Packages.props), nor is what restore generates under obj/.
    local -a projects=() imports=() excluded=() more=()
    [[ -z $sdk ]] || excluded+=("$sdk/")
    [[ -z $packages ]] || excluded+=("$packages/")
    IFS=';' read -r -a more <<< "$folders"
    for dir in "${more[@]}"; do [[ -z $dir ]] || excluded+=("${dir%/}/"); done
    while IFS= read -r line; do
        kind=${line%% *}; path=${line#* }
        [[ $path == /* && $path != */obj/* && $path != */bin/* ]] || continue
        for dir in "${excluded[@]}"; do [[ $path != "$dir"* ]] || continue 2; done
        if [[ $kind == project ]]; then projects+=("$path"); else imports+=("$path"); fi
    done < <(sed -n -e 's/^.*Importing project "\([^"]*\)" into project ".*$/import \1/p' \
                    -e 's/^.* is building "\([^"]*\)" (.*$/project \1/p' "$msbuild_log" | sort -u)

    # Without the build project itself among them, the log is not what it was expected to be: run what
    # was compiled, but leave no stamp, so that nothing is ever skipped on a misreading.
    local found=
    for path in "${projects[@]}"; do
        [[ $path != "$ROOT/$BUILD_PROJECT" && $path != "$PHYSICAL_ROOT/$BUILD_PROJECT" ]] || found=1
    done
    if [[ -z $found ]]; then
        echo "warning: could not read which projects and files make up the build project from $msbuild_log; it will be compiled on every run." >&2
        RUN=$target
        return 0
    fi

    # Directories: each project's, minus those inside another one (find walks those anyway).
    local -a lines=() dirs=()
    local -A seen=()
    for path in "${projects[@]}"; do dirs+=("${path%/*}"); done
    WALKED=("${dirs[@]}")
    for dir in "${dirs[@]}"; do
        [[ -z ${seen[$dir]:-} ]] && ! walked "$dir" || continue
        seen[$dir]=1; relative "$dir"; lines+=("dir $REPLY")
    done
    WALKED=()
    for dir in "${!seen[@]}"; do WALKED+=("$dir"); done
    # Files: the imports; and what MSBuild, NuGet, the SDK resolver and the compiler look for in the
    # directories above each project (a Directory.Build.props, global.json or NuGet.config created there
    # later changes the build too): those that exist are listed, those that do not must stay absent.
    # Inside a project's directory the walk sees both.
    for path in "${imports[@]}"; do
        [[ -z ${seen[$path]:-} ]] || continue
        seen[$path]=1; relative "$path"; lines+=("file $REPLY")
    done
    for dir in "${dirs[@]}"; do
        while [[ -n $dir ]]; do
            dir=${dir%/*}
            for name in Directory.Build.props Directory.Build.targets Directory.Packages.props Directory.Build.rsp \
                        global.json NuGet.config nuget.config NuGet.Config .editorconfig; do
                file=$dir/$name
                [[ -z ${seen[$file]:-} ]] && ! walked "$file" || continue
                seen[$file]=1; relative "$file"
                if [[ -f $file ]]; then lines+=("file $REPLY"); else lines+=("absent $REPLY"); fi
            done
        done
    done
    relative "$target"; lines+=("run $REPLY")

    # The listing is taken after the compile, of the inputs it reported; one edited while it ran (newer
    # than its start) may not be what the assembly was compiled from: then no stamp, compile next time.
    local header edited listing
    printf -v header '%s\n' "$STAMP_VERSION" "${lines[@]}"
    printf '%s--\n' "$header" > "$STAMP"
    read_stamp
    edited=$(fingerprint -newer "$TEMP_DIR/build.sh.started" ! -path "$RUN") || edited=unknown
    listing=$(fingerprint) || listing=
    if [[ -n $edited || -z $listing ]]; then
        : > "$STAMP"
    else
        printf '%s--\n%s' "$header" "$listing" > "$STAMP"
    fi
}

# --- Compile if needed, then run. ----------------------------------------------------------------------
if ! up_to_date; then
    mkdir -p "$TEMP_DIR"
    # Two runs started at once (parallel tests, two terminals) must not compile into the same obj/
    # together: take a lock, then look again, since the other one may just have compiled it.
    if type -P flock > /dev/null; then
        exec 9> "$TEMP_DIR/build.lock"
        flock 9
    fi
    up_to_date || compile
    exec 9>&-
fi

[[ $RUN == /* ]] || RUN=$ROOT/$RUN
# exec: signals (Ctrl+C, SIGTERM) and the exit code go straight to and from the build.
exec "$DOTNET" "$RUN" "$@"
