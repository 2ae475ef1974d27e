#!/usr/bin/env pwsh
# Bootstrapper: compile build/_build.csproj only when its inputs changed, then run the assembly it produced.
# Same behaviour, messages and stamp format as build.sh (see there for the reasons), in its own stamp:
# .NET and find(1) print mtimes differently, so the two scripts cannot share one.
#
#   ./build.ps1 [TARGET ...] [--help] [--plan] [--<parameter> VALUE ...]
#
# No param() block on purpose: every argument, '-'-prefixed or not, reaches the build untouched in $args.
# 7.2: DirectoryInfo.LinkTarget (.NET 6), which the walk below uses to not follow symlinked directories.
#Requires -Version 7.2
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$BuildProject = Join-Path $Root 'build' '_build.csproj'
$TempDir = Join-Path $Root '.nuke' 'temp'
$StampFile = Join-Path $TempDir 'build.ps1.stamp'
$StampVersion = 'deploy build stamp 1'
# Paths compare as the file system does.
$PathComparison = if ($IsWindows -or $IsMacOS) { [System.StringComparison]::OrdinalIgnoreCase } else { [System.StringComparison]::Ordinal }

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

# --- The stamp: what the last compile was made of (see build.sh for the format). -------------------
$InputPatterns = '*.cs', '*.csproj', '*.props', '*.targets', '*.rsp', 'global.json', 'nuget.config', '.editorconfig', '*.globalconfig'

function Read-Stamp {
    if (-not (Test-Path -PathType Leaf $StampFile)) { return $null }
    $lines = [System.IO.File]::ReadAllLines($StampFile)
    if ($lines.Count -lt 2 -or $lines[0] -cne $StampVersion) { return $null }
    $stamp = [pscustomobject]@{ Run = $null; Dirs = [System.Collections.Generic.List[string]]::new(); Files = [System.Collections.Generic.List[string]]::new(); Absent = [System.Collections.Generic.List[string]]::new(); Listing = $null }
    for ($i = 1; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -ceq '--') {
            $stamp.Listing = [string]::Join("`n", $lines, $i + 1, $lines.Count - $i - 1)
            break
        }
        $kind, $path = $line -split ' ', 2
        switch -CaseSensitive ($kind) {
            'dir' { $stamp.Dirs.Add($path) }
            'file' { $stamp.Files.Add($path) }
            'run' { $stamp.Run = $path; $stamp.Files.Add($path) }
            'absent' { $stamp.Absent.Add($path) }
        }
    }
    if ($null -eq $stamp.Listing -or -not $stamp.Run) { return $null }
    return $stamp
}

function Get-FullPath([string] $path) { [System.IO.Path]::GetFullPath($path, $Root) }

# Path, mtime (UTC ticks) and size of every input, one line each, sorted (ordinal): an edit, an added
# file and a deleted file all change it; $null when a listed file or directory is gone, or a file that
# must stay absent appeared. Walked by hand, with .NET's own enumeration, so bin/ and obj/ are never
# entered (Get-ChildItem -Recurse would walk them, slowly). $newerThan: only files written after it.
function Get-Listing($stamp, [Nullable[datetime]] $newerThan = $null) {
    foreach ($path in $stamp.Absent) {
        if (Test-Path -LiteralPath (Get-FullPath $path)) { return $null }
    }
    $lines = [System.Collections.Generic.List[string]]::new()
    $add = {
        param([string] $shown, [System.IO.FileInfo] $file)
        if ($null -eq $newerThan -or $file.LastWriteTimeUtc -gt $newerThan) {
            $lines.Add("$shown $($file.LastWriteTimeUtc.Ticks) $($file.Length)")
        }
    }
    $walk = {
        param([string] $shown, [System.IO.DirectoryInfo] $dir)
        foreach ($file in $dir.EnumerateFiles()) {
            foreach ($pattern in $InputPatterns) {
                if ($file.Name -like $pattern) { & $add "$shown/$($file.Name)" $file; break }
            }
        }
        foreach ($sub in $dir.EnumerateDirectories()) {
            # Like find(1): symlinked directories are not followed (no loops).
            if ($sub.Name -ne 'bin' -and $sub.Name -ne 'obj' -and -not $sub.LinkTarget) { & $walk "$shown/$($sub.Name)" $sub }
        }
    }
    foreach ($path in $stamp.Dirs) {
        $dir = [System.IO.DirectoryInfo]::new((Get-FullPath $path))
        if (-not $dir.Exists) { return $null }
        & $walk $path $dir
    }
    foreach ($path in $stamp.Files) {
        $file = [System.IO.FileInfo]::new((Get-FullPath $path))
        if (-not $file.Exists) { return $null }
        if ($newerThan -and $path -ceq $stamp.Run) { continue }   # the compile just wrote it
        & $add $path $file
    }
    # Ordinal sort: the same inputs give the same text whatever order the file system lists them in.
    $lines.Sort([System.StringComparer]::Ordinal)
    return [string]::Join("`n", $lines)
}

function Test-UpToDate {
    $stamp = Read-Stamp
    if (-not $stamp) { return $null }
    $current = Get-Listing $stamp
    if ($null -eq $current -or $current -cne $stamp.Listing) { return $null }
    return $stamp
}

# --- The compile, and what MSBuild says went into it. -------------------------------------------------
# Under the root: relative to it, with '/' (what the stamp stores); elsewhere: as it is.
function Get-StampPath([string] $path) {
    $prefix = $Root.TrimEnd('\', '/') + [System.IO.Path]::DirectorySeparatorChar
    if ($path.StartsWith($prefix, $PathComparison)) { return $path.Substring($prefix.Length).Replace('\', '/') }
    return $path
}

function Test-Under([string] $path, [string] $dir) {
    $path.StartsWith($dir.TrimEnd('\', '/') + [System.IO.Path]::DirectorySeparatorChar, $PathComparison)
}

function Invoke-Compile {
    $log = Join-Path $TempDir 'build.ps1.log'
    $msbuildLog = Join-Path $TempDir 'build.ps1.msbuild.log'
    $propertiesFile = Join-Path $TempDir 'build.ps1.properties.json'
    [Console]::Error.WriteLine('Compiling the build project (its inputs changed) ...')
    # Forget the old stamp first: a failed build may have half-updated bin/, so the next run must
    # compile again even if the inputs go back to exactly what the old stamp lists.
    [System.IO.File]::WriteAllText($StampFile, '')
    $started = [datetime]::UtcNow
    # -t:Build with -getProperty: build, then print the properties' values after the build (JSON on
    # stdout; errors and warnings on stderr). MSBUILDLOGIMPORTS=1: the detailed file log names every
    # file each project imported; DOTNET_CLI_UI_LANGUAGE=en keeps that log's wording what is parsed below.
    # Set for the compile only: the build itself does not inherit them. In the root: dotnet picks the
    # SDK by the global.json above the working directory. Quiet unless it fails.
    $saved = $env:MSBUILDLOGIMPORTS, $env:DOTNET_CLI_UI_LANGUAGE
    $env:MSBUILDLOGIMPORTS = '1'
    $env:DOTNET_CLI_UI_LANGUAGE = 'en'
    Push-Location -LiteralPath $Root
    try {
        & $Dotnet build $BuildProject -nologo -v quiet /nodeReuse:false -t:Build `
            '-getProperty:TargetPath,OutputType,TargetFrameworks,NetCoreRoot,NuGetPackageRoot,NuGetPackageFolders' `
            "-flp:verbosity=detailed;encoding=utf-8;logfile=$msbuildLog" > $propertiesFile 2> $log
        $code = $LASTEXITCODE
    }
    finally {
        Pop-Location
        $env:MSBUILDLOGIMPORTS, $env:DOTNET_CLI_UI_LANGUAGE = $saved
    }
    if ($code -ne 0) {
        [Console]::Error.Write((Get-Content -Raw -LiteralPath $log))
        [Console]::Error.WriteLine("error: compiling $BuildProject failed (dotnet build exited with $code); output above and in $log.")
        return $code
    }

    $properties = (Get-Content -Raw -LiteralPath $propertiesFile | ConvertFrom-Json).Properties
    $target = $properties.TargetPath
    if (-not $target) {
        $several = if ($properties.TargetFrameworks) { " (it targets several frameworks: TargetFrameworks is '$($properties.TargetFrameworks)')" } else { '' }
        [Console]::Error.WriteLine("error: $BuildProject compiled, but MSBuild reports no TargetPath for it$several. A build project targets one framework: set <TargetFramework>net10.0</TargetFramework> in it.")
        return 1
    }
    if ($properties.OutputType -cne 'Exe' -and $properties.OutputType -cne 'WinExe') {
        [Console]::Error.WriteLine("error: $BuildProject compiled to a library (OutputType is '$($properties.OutputType)'), which cannot be run. Set <OutputType>Exe</OutputType> in it.")
        return 1
    }
    if (-not (Test-Path -PathType Leaf -LiteralPath $target)) {
        [Console]::Error.WriteLine("error: $BuildProject compiled, but its TargetPath '$target' does not exist. Check the OutputPath the project (or a Directory.Build.props) sets; MSBuild's log is $msbuildLog.")
        return 1
    }

    # Every project MSBuild built and every file it imported, from the detailed log. The SDK's and the
    # NuGet packages' own files are not inputs of this repository (their versions are, in the project
    # files and Directory.Packages.props), nor is what restore generates under obj/.
    $excluded = @($properties.NetCoreRoot, $properties.NuGetPackageRoot) + @("$($properties.NuGetPackageFolders)" -split ';') |
        Where-Object { $_ }
    $keep = {
        param([string] $path)
        if (-not [System.IO.Path]::IsPathFullyQualified($path) -or $path -match '[\\/](obj|bin)[\\/]') { return $false }
        foreach ($dir in $excluded) { if (Test-Under $path $dir) { return $false } }
        return $true
    }
    $text = [System.IO.File]::ReadAllText($msbuildLog)
    $projects = [System.Collections.Generic.SortedSet[string]]::new([System.StringComparer]::Ordinal)
    foreach ($match in [regex]::Matches($text, ' is building "([^"]*)" \(')) {
        if (& $keep $match.Groups[1].Value) { [void]$projects.Add($match.Groups[1].Value) }
    }
    $imports = [System.Collections.Generic.SortedSet[string]]::new([System.StringComparer]::Ordinal)
    foreach ($match in [regex]::Matches($text, 'Importing project "([^"]*)" into project "')) {
        if (& $keep $match.Groups[1].Value) { [void]$imports.Add($match.Groups[1].Value) }
    }

    # Without the build project itself among them, the log is not what it was expected to be: run what
    # was compiled, but leave no stamp, so that nothing is ever skipped on a misreading.
    if (-not ($projects | Where-Object { [string]::Equals($_, $BuildProject, $PathComparison) })) {
        [Console]::Error.WriteLine("warning: could not read which projects and files make up the build project from $msbuildLog; it will be compiled on every run.")
        return [pscustomobject]@{ Run = $target }
    }

    # Directories: each project's, minus those inside another one (the walk sees those anyway).
    $dirs = @($projects | ForEach-Object { [System.IO.Path]::GetDirectoryName($_) } | Select-Object -Unique)
    $walked = @($dirs | Where-Object { $dir = $_; -not ($dirs | Where-Object { Test-Under $dir $_ }) })
    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::FromComparison($PathComparison))
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add($StampVersion)
    foreach ($dir in $walked) { if ($seen.Add($dir)) { $lines.Add("dir $(Get-StampPath $dir)") } }
    # Files: the imports; and what MSBuild, NuGet, the SDK resolver and the compiler look for in the
    # directories above each project (a Directory.Build.props, global.json or NuGet.config created there
    # later changes the build too): those that exist are listed, those that do not must stay absent.
    # Inside a project's directory the walk sees both.
    foreach ($path in $imports) { if ($seen.Add($path)) { $lines.Add("file $(Get-StampPath $path)") } }
    foreach ($dir in $dirs) {
        for ($above = [System.IO.Path]::GetDirectoryName($dir); $above; $above = [System.IO.Path]::GetDirectoryName($above)) {
            foreach ($name in 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'Directory.Build.rsp',
                'global.json', 'NuGet.config', 'nuget.config', 'NuGet.Config', '.editorconfig') {
                $file = Join-Path $above $name
                if ($walked | Where-Object { Test-Under $file $_ }) { continue }
                if (-not $seen.Add($file)) { continue }
                $kind = if (Test-Path -PathType Leaf -LiteralPath $file) { 'file' } else { 'absent' }
                $lines.Add("$kind $(Get-StampPath $file)")
            }
        }
    }
    $lines.Add("run $(Get-StampPath $target)")
    $lines.Add('--')

    # The listing is taken after the compile, of the inputs it reported; one edited while it ran (newer
    # than its start) may not be what the assembly was compiled from: then no stamp, compile next time.
    [System.IO.File]::WriteAllLines($StampFile, $lines)
    $stamp = Read-Stamp
    $edited = Get-Listing $stamp $started
    $listing = Get-Listing $stamp
    if ($null -eq $edited -or $edited -or $null -eq $listing) { [System.IO.File]::WriteAllText($StampFile, '') }
    else { [System.IO.File]::WriteAllText($StampFile, [string]::Join("`n", $lines) + "`n" + $listing) }
    return $stamp
}

# Ctrl+C stops this script between statements, but `finally` still runs: it hands on the code of
# the build if it ran (PowerShell waits for a native child to exit), else 130 as for a cancel.
$exitCode = 130
$buildRan = $false
try {
    $stamp = Test-UpToDate
    if (-not $stamp) {
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
            $stamp = Test-UpToDate
            if (-not $stamp) { $stamp = Invoke-Compile }
        }
        finally { $lock.Dispose() }
        if ($stamp -is [int]) { $exitCode = $stamp; return }
    }

    # PowerShell cannot exec: the build runs as a child (Ctrl+C reaches it as well). On Unix, PowerShell
    # globs the arguments of a native command, even splatted ones ('*' would become the file names here;
    # PowerShell issue #24178), but never a quoted literal: so each argument goes in as a single-quoted
    # literal, its quote characters doubled. An array argument given inside PowerShell (--skip a,b)
    # becomes one argument per element, as it would for a native command.
    $BuildDll = Get-FullPath $stamp.Run
    $quoted = foreach ($arg in ($args | ForEach-Object { $_ })) {
        "'" + ([string]$arg -replace "['\u2018\u2019\u201A\u201B]", '$0$0') + "'"
    }
    $global:LASTEXITCODE = 130   # until the build sets it: a Ctrl+C just before it starts
    $buildRan = $true
    Invoke-Expression "& `$Dotnet `$BuildDll $($quoted -join ' ')"
}
catch {
    # A fault of this script itself (not of the compile or the build, which report their own).
    [Console]::Error.WriteLine("error: build.ps1 failed: $($_.Exception.Message)`n$($_.InvocationInfo.PositionMessage)")
    $exitCode = 1
}
finally {
    if ($buildRan) { $exitCode = $LASTEXITCODE }
    exit $exitCode
}
