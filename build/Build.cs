using Deploy.Build;

/// <summary>
/// This repository's build. The stock pipeline (Clone … Rollout) joins it as its components land; until
/// then it holds the targets that check Deploy itself.
/// </summary>
sealed class Build : DeployBuild
{
    public static int Main() => Execute<Build>(x => x.Verify);

    [Parameter("Configuration to compile Deploy in")]
    readonly string Configuration = "Release";

    Target CompileEngine => _ => _
        .Description("Compile the engine and its tests")
        .Executes(ct => this.RunProcessAsync("dotnet", ["build", "tests/Deploy.Build.Tests", "-c", Configuration, "-nologo", "-v", "quiet"], cancellationToken: ct));

    Target UnitTests => _ => _
        .Description("Run the engine's tests")
        .DependsOn(CompileEngine)
        .Executes(ct => this.RunProcessAsync("dotnet", ["test", "tests/Deploy.Build.Tests", "-c", Configuration, "--no-build", "-nologo"], cancellationToken: ct));

    Target FormatCheck => _ => _
        .Description("Check the code's formatting (dotnet format)")
        .Executes(ct => this.RunProcessAsync("dotnet", ["format", "Deploy.sln", "--verify-no-changes", "--verbosity", "quiet"], cancellationToken: ct));

    Target Verify => _ => _
        .Description("Everything a change must pass")
        .DependsOn(UnitTests, FormatCheck);
}
