namespace Deploy.Docker.Tests.Support;

/// <summary>A run of Image (or Push) over a scratch context without compiling anything (<c>--skip Compile</c>); disposing removes its root.</summary>
internal sealed class ImageRun : IDisposable
{
    private readonly BuildDriver _driver;

    private ImageRun(BuildDriver driver, ImageBuild build, BuildResult result)
    {
        _driver = driver;
        Build = build;
        Result = result;
    }

    public ImageBuild Build { get; }

    public BuildResult Result { get; }

    /// <summary>What the run built (null when it built nothing), for clean-up.</summary>
    public IReadOnlyList<string> References => Build.LastImage?.References ?? [];

    public static async Task<ImageRun> StartAsync(
        ScratchContext context, string dockerHost, string target = "Image", IReadOnlyDictionary<string, string>? environment = null, params string[] more)
    {
        var driver = new BuildDriver();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            driver.Environment[name] = value;
        }

        var build = new ImageBuild(context.Path, "feedfacefeedfacefeedfacefeedfacefeedface");
        string[] args = [target, "--skip", "Compile", "--docker-context", ".", "--image-name", "test-" + Guid.NewGuid().ToString("N")[..8], .. (dockerHost.Length > 0 ? new[] { "--docker-host", dockerHost } : []), .. more];
        return new ImageRun(driver, build, await driver.RunAsync(build, args));
    }

    public void Dispose() => _driver.Dispose();
}
