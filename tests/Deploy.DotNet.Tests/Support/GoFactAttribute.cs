using Deploy.Build.Processes;

namespace Deploy.DotNet.Tests.Support;

/// <summary>
/// A test that needs the go command. Where Go is missing it is skipped with the install hint, except in CI
/// (CI=true): there a missing toolchain must fail, never hide behind a skip (test.sh installs golang-go).
/// </summary>
public sealed class GoFactAttribute : FactAttribute
{
    public GoFactAttribute()
    {
        var path = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" };
        if (ProcessRunner.FindOnPath("go", path) is null
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "go is not on PATH (install it: apt-get install golang-go, as ./test.sh does)";
        }
    }
}
