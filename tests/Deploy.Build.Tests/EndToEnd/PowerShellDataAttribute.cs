using System.Reflection;
using Xunit.Sdk;

namespace Deploy.Build.Tests.EndToEnd;

/// <summary>
/// The build.ps1 row of a bootstrapper theory. Where PowerShell 7 is missing the row is skipped with the install
/// hint, except in CI (CI=true): there it runs, and fails saying what to install.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PowerShellDataAttribute : DataAttribute
{
    public PowerShellDataAttribute()
    {
        if (PowerShell.Path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = PowerShell.Missing;
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["build.ps1"]];
}
