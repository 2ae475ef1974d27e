:; # Bootstrapper for cmd.exe and for bash (one file, as NUKE's): bash runs build.sh, cmd runs build.ps1.
:; # Bash reads the lines starting with ':;' (':' does nothing, then the command); cmd.exe skips them as labels.
:; # exec: the exit code and signals go straight to and from build.sh (any sh runs these two lines).
:; exec bash "$(dirname "$0")/build.sh" "$@"
@echo off
rem build.ps1 needs PowerShell 7.2 or later (pwsh); Windows PowerShell 5.1 (powershell.exe) cannot run it.
where /q pwsh
if errorlevel 1 (
  echo error: build.cmd runs build.ps1, which needs PowerShell 7.2 or later ^(pwsh^), and pwsh was not found on PATH. Install it ^(winget install --id Microsoft.PowerShell, or dotnet tool install --global PowerShell^), then run build.cmd again. 1>&2
  exit /b 1
)
pwsh -NoLogo -NoProfile -ExecutionPolicy Bypass -File "%~dp0build.ps1" %*
exit /b %ERRORLEVEL%
