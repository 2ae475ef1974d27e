namespace Deploy.Build.Tests.EndToEnd;

/// <summary>
/// PowerShell 7, which build.ps1 needs: $PWSH (test.sh sets it), else this checkout's .tools/pwsh/pwsh (where test.sh
/// installs it), else pwsh on PATH, else the global tool's ~/.dotnet/tools/pwsh.
/// </summary>
internal static class PowerShell
{
    public const string Missing =
        "PowerShell 7 (pwsh) is not installed, and build.ps1 needs it. ./test.sh installs it into .tools/pwsh " +
        "(dotnet tool install PowerShell --version 7.6.9 --tool-path .tools/pwsh); or set PWSH to a pwsh executable.";

    public static string? Path { get; } = Find();

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("PWSH") is { Length: > 0 } given)
        {
            return given;
        }

        var candidates = new[] { System.IO.Path.Combine(ScratchBuild.FindRepository(), ".tools", "pwsh", "pwsh") }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(d => System.IO.Path.Combine(d, "pwsh")))
            .Append(System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "pwsh"));
        return candidates.FirstOrDefault(File.Exists);
    }
}
