namespace Deploy.Git.Tests.Support;

/// <summary>Runs the Clone target of a fresh <see cref="CloneBuild"/>.</summary>
public static class Clones
{
    public static async Task<(BuildResult Result, GitCheckout? Checkout)> RunAsync(BuildDriver driver, params string[] arguments)
    {
        var build = new CloneBuild();
        var result = await driver.RunAsync(build, ["Clone", .. arguments]);
        return (result, build.Result);
    }

    /// <summary>Runs Clone and asserts it succeeded (showing what the run printed when not).</summary>
    public static async Task<GitCheckout> SucceedAsync(BuildDriver driver, params string[] arguments)
    {
        var (result, checkout) = await RunAsync(driver, arguments);
        Assert.True(result.ExitCode == 0, $"Clone exited with {result.ExitCode}:\n{result.Everything}");
        Assert.NotNull(checkout);
        return checkout;
    }

    /// <summary>Runs Clone and asserts it failed; returns what it printed.</summary>
    public static async Task<BuildResult> FailAsync(BuildDriver driver, params string[] arguments)
    {
        var (result, _) = await RunAsync(driver, arguments);
        Assert.True(result.ExitCode == 1, $"Clone exited with {result.ExitCode}, expected 1:\n{result.Everything}");
        Assert.Equal("Failed", result.Target("Clone").GetProperty("status").GetString());
        return result;
    }

    /// <summary>Clone's parameters are refused while planning: exit 2, Clone never started, the run record says so.</summary>
    public static async Task<BuildResult> InvalidAsync(BuildDriver driver, params string[] arguments)
    {
        var (result, _) = await RunAsync(driver, arguments);
        Assert.True(result.NeverStarted, $"Clone exited with {result.ExitCode}, expected 2 and an Invalid run record:\n{result.Everything}");
        Assert.Equal("NotRun", result.Target("Clone").GetProperty("status").GetString());
        return result;
    }
}
