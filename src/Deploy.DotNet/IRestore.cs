using Deploy.Build;
using Deploy.DotNet.Toolchains;

namespace Deploy.DotNet;

/// <summary>The <c>Restore</c> target: fetches the service's dependencies (<c>dotnet restore</c>, <c>go mod download</c>).</summary>
public interface IRestore : IToolchain
{
    /// <summary>Restores the service's packages, including what publishing for <see cref="ICompile.Runtime"/> needs.</summary>
    Target Restore => _ => _
        .Description("Restore the service's dependencies")
        .Validates(() => ProjectChecks.Problems(this))
        .Timeout(TimeSpan.FromMinutes(30))
        .Executes(ct => ToolchainDetector.Detect(this).RestoreAsync(this, ct));
}
