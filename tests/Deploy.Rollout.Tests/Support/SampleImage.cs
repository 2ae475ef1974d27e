using Deploy.Docker;

namespace Deploy.Rollout.Tests.Support;

/// <summary>The real sample service's image (samples/hello-service), built once per test engine.</summary>
internal static class SampleImage
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, ContainerImage> Built = [];

    public static async Task<ContainerImage> EnsureBuiltAsync(EngineFixture engine)
    {
        await Gate.WaitAsync();
        try
        {
            if (Built.TryGetValue(engine.Daemon.Host, out var image))
            {
                return image;
            }

            var source = Directory.CreateTempSubdirectory("deploy-verify-sample-");
            try
            {
                Repository.Copy(Repository.Sample, Path.Combine(source.FullName, "samples", "hello-service"));
                using var driver = new BuildDriver();
                var build = new SampleImageBuild(source.FullName);
                var result = await driver.RunAsync(build, ["Image", "--project", "samples/hello-service", "--docker-host", engine.Daemon.Host, "--image-name", "hello-verify"]);
                Assert.True(result.ExitCode == 0, result.ToString());
                image = build.Built ?? throw new InvalidOperationException("Image succeeded without an image.");
                Built[engine.Daemon.Host] = image;
                return image;
            }
            finally
            {
                source.Delete(recursive: true);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
