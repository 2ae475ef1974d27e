#!/usr/bin/env pwsh
# Bootstrapper: compile build/ only when its inputs changed, then run the compiled build.
# Same behaviour and messages as build.sh; see there for the reasons.
#
#   ./build.ps1 [TARGET ...] [--help] [--plan] [--<parameter> VALUE ...]
#
# No param() block on purpose: every argument, '-'-prefixed or not, reaches the build untouched in $args.
#Requires -Version 7.0
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$BuildProject = Join-Path $Root 'build' '_build.csproj'
$BuildDll = Join-Path $Root 'build' 'bin' '_build.dll'
$TempDir = Join-Path $Root '.nuke' 'temp'
# Its own stamp: .NET and find(1) print mtimes differently, so the two scripts cannot share one.
$Stamp = Join-Path $TempDir 'build.ps1.stamp'

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

# --- Find dotnet; never download it (CI and developers install the SDK themselves). ----------------
$exe = if ($IsWindows) { 'dotnet.exe' } else { 'dotnet' }
$Dotnet = $null
if ($env:DOTNET_EXE) {
    $command = Get-Command $env:DOTNET_EXE -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($command) { $Dotnet = $command.Source }
    else {
        [Console]::Error.WriteLine("error: DOTNET_EXE is '$($env:DOTNET_EXE)', which is not an executable file.")
        exit 1
    }
}
else {
    $onPath = Get-Command $exe -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($onPath) { $Dotnet = $onPath.Source }
    elseif ($env:DOTNET_ROOT -and (Test-Path -PathType Leaf (Join-Path $env:DOTNET_ROOT $exe))) { $Dotnet = Join-Path $env:DOTNET_ROOT $exe }
    elseif (Test-Path -PathType Leaf (Join-Path $HOME '.dotnet' $exe)) { $Dotnet = Join-Path $HOME '.dotnet' $exe }
    else {
        [Console]::Error.WriteLine(@'
error: dotnet was not found (looked at $DOTNET_EXE, dotnet on PATH, $DOTNET_ROOT/dotnet, ~/.dotnet/dotnet).
This build needs the .NET SDK 10. Install it, then run this script again:
  - Debian/Ubuntu: apt-get install dotnet-sdk-10.0 (from your distribution or Microsoft's package feed;
    see https://learn.microsoft.com/dotnet/core/install/linux)
  - any OS: the installers at https://dot.net/download
  - without root: the dotnet-install script (https://dot.net/v1/dotnet-install.ps1), run as
      ./dotnet-install.ps1 -Channel 10.0
    which installs to ~/.dotnet (on Windows %LOCALAPPDATA%\Microsoft\dotnet: set DOTNET_ROOT to it).
Or set DOTNET_EXE to the dotnet executable to use.
'@)
        exit 1
    }
}

# --- Fingerprint of everything that goes into build/bin/_build.dll. -------------------------------
# Path, mtime (UTC ticks) and size of every input, one line each: an edit, an added file and a
# deleted file all change it. The listing itself is the stamp. Walked by hand, with .NET's own
# enumeration, so bin/ and obj/ are never entered (Get-ChildItem -Recurse would walk them, slowly).
$RootFiles = 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'Directory.Build.rsp',
    'global.json', 'NuGet.config', '.editorconfig'   # matched ignoring case (-contains)
$InputPatterns = '*.cs', '*.csproj', '*.props', '*.targets', '*.rsp', 'global.json', 'nuget.config', '.editorconfig', '*.globalconfig'

function Get-Fingerprint {
    $lines = [System.Collections.Generic.List[string]]::new()
    $add = {
        param([System.IO.FileInfo] $file)
        $relative = [System.IO.Path]::GetRelativePath($Root, $file.FullName).Replace('\', '/')
        $lines.Add("$relative $($file.LastWriteTimeUtc.Ticks) $($file.Length)")
    }
    $walk = {
        param([System.IO.DirectoryInfo] $dir)
        foreach ($file in $dir.EnumerateFiles()) {
            foreach ($pattern in $InputPatterns) {
                if ($file.Name -like $pattern) { & $add $file; break }
            }
        }
        foreach ($sub in $dir.EnumerateDirectories()) {
            # Like find(1): symlinked directories are not followed (no loops).
            if ($sub.Name -ne 'bin' -and $sub.Name -ne 'obj' -and -not $sub.LinkTarget) { & $walk $sub }
        }
    }
    foreach ($name in 'build', 'src') {
        $dir = [System.IO.DirectoryInfo]::new((Join-Path $Root $name))
        if ($dir.Exists) { & $walk $dir }
    }
    # Root files by their listed names: one entry per file even where the file system ignores case.
    foreach ($file in [System.IO.DirectoryInfo]::new($Root).EnumerateFiles()) {
        if ($RootFiles -contains $file.Name) { & $add $file }
    }
    # Ordinal sort: the same inputs give the same text whatever order the file system lists them in.
    $lines.Sort([System.StringComparer]::Ordinal)
    return [string]::Join("`n", $lines)
}

function Test-UpToDate([string] $current) {
    (Test-Path -PathType Leaf $BuildDll) -and (Test-Path -PathType Leaf $Stamp) -and
        ([System.IO.File]::ReadAllText($Stamp) -ceq $current)
}

# Ctrl+C stops this script between statements, but `finally` still runs: it hands on the code of
# the build if it ran (PowerShell waits for a native child to exit), else 130 as for a cancel.
$exitCode = 130
$buildRan = $false
try {
    $current = Get-Fingerprint
    if (-not (Test-UpToDate $current)) {
        [void][System.IO.Directory]::CreateDirectory($TempDir)
        # Two runs started at once must not compile into the same obj/ together: an exclusive lock file,
        # then look again, since the other one may just have compiled it. The same file as build.sh's:
        # on Unix .NET takes FileShare.None as flock(LOCK_EX), which is what flock(1) takes too.
        $lock = $null
        while (-not $lock) {
            try { $lock = [System.IO.File]::Open((Join-Path $TempDir 'build.lock'), 'OpenOrCreate', 'ReadWrite', 'None') }
            catch [System.IO.IOException] { Start-Sleep -Milliseconds 200 }
        }
        try {
            $current = Get-Fingerprint
            if (-not (Test-UpToDate $current)) {
                $log = Join-Path $TempDir 'build.ps1.log'
                [Console]::Error.WriteLine('Compiling the build project (its inputs changed) ...')
                # Forget the old stamp first: a failed build may have half-updated bin/, so the next run
                # must compile again even if the inputs go back to exactly what the old stamp lists.
                [System.IO.File]::WriteAllText($Stamp, '')
                # Quiet unless it fails: a successful compile is not news, a failing one needs the compiler's words.
                & $Dotnet build $BuildProject -nologo -v quiet /nodeReuse:false *> $log
                if ($LASTEXITCODE -ne 0) {
                    $exitCode = $LASTEXITCODE
                    [Console]::Error.Write((Get-Content -Raw -LiteralPath $log))
                    [Console]::Error.WriteLine("error: compiling $BuildProject failed (dotnet build exited with $exitCode); output above and in $log.")
                    return
                }
                # The listing taken *before* compiling: a file edited meanwhile differs from it next time.
                [System.IO.File]::WriteAllText($Stamp, $current)
            }
        }
        finally { $lock.Dispose() }
    }

    # PowerShell cannot exec: the build runs as a child (Ctrl+C reaches it as well). On Unix, PowerShell
    # globs the arguments of a native command, even splatted ones ('*' would become the file names here;
    # PowerShell issue #24178), but never a quoted literal: so each argument goes in as a single-quoted
    # literal, its quote characters doubled. An array argument given inside PowerShell (--skip a,b)
    # becomes one argument per element, as it would for a native command.
    $quoted = foreach ($arg in ($args | ForEach-Object { $_ })) {
        "'" + ([string]$arg -replace "['\u2018\u2019\u201A\u201B]", '$0$0') + "'"
    }
    $global:LASTEXITCODE = 130   # until the build sets it: a Ctrl+C just before it starts
    $buildRan = $true
    Invoke-Expression "& `$Dotnet `$BuildDll $($quoted -join ' ')"
}
finally {
    if ($buildRan) { $exitCode = $LASTEXITCODE }
    exit $exitCode
}
