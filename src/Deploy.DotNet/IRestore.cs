using Deploy.Build;
using Deploy.DotNet.Toolchains;

namespace Deploy.DotNet;

/// <summary>The <c>Restore</c> target: fetches the service's dependencies (<c>dotnet restore</c>, <c>go mod download</c>).</summary>
public interface IRestore : IToolchain
{
    /// <summary>
    /// Restores the service's packages, including what publishing for <see cref="ICompile.Runtime"/> needs. Up to date
    /// while the service's project, package and SDK files, the toolchain's version and the configuration are unchanged.
    /// </summary>
    Target Restore => _ => _
        .Description("Restore the service's dependencies")
        .Validates(() => ProjectChecks.Problems(this))
        .Inputs(i => i
            .Value("service", ct => ServiceInputs.ListAsync(this, ct))
            .Files(() => ServiceInputs.RestoreFiles(this))
            .Value("toolchain version", ct => ServiceInputs.VersionAsync(this, ct))
            .Parameter(() => Configuration)
            .Value("--runtime", () => (this as ICompile)?.Runtime)
            .Value("--self-contained", () => (this as ICompile)?.SelfContained))
        .Timeout(TimeSpan.FromMinutes(30))
        .Executes(ct => ToolchainDetector.Detect(this).RestoreAsync(this, ct));
}
