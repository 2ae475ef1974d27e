using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Deploy.Testing.Docker;

/// <summary>
/// Images of a tiny Go HTTP service (TestService/main.go), built static into FROM scratch images, since no
/// registry is reachable here: v1 and v2 that are healthy, v2 whose /healthz answers 500, v2 that exits at once,
/// v2 with its own HEALTHCHECK, v2 that answers one health check and exits, and v2 that listens where ASP.NET Core
/// does (ASPNETCORE_HTTP_PORTS, 8080 in the image as in Microsoft's, PORT ignored). <see cref="Binary"/> is the
/// same program for the host, where tests run it as another process on a port.
/// </summary>
public static class TestServiceImages
{
    public const string Repository = "deploy-rollout-test";
    public const string V1 = Repository + ":v1";
    public const string V2 = Repository + ":v2";
    public const string V2Unhealthy = Repository + ":v2-unhealthy";
    public const string V2Crash = Repository + ":v2-crash";
    public const string V2WithHealthcheck = Repository + ":v2-healthcheck";
    public const string V2AnswersOnce = Repository + ":v2-once";
    public const string V2AspNet = Repository + ":v2-aspnet";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool built;
    private static string? binary;

    /// <summary>The test service compiled for this machine; built with the images.</summary>
    public static string Binary => binary ?? throw new InvalidOperationException("The test service is not built yet: the engine fixture builds it.");

    /// <summary>Builds the images once per engine and test run.</summary>
    public static async Task EnsureBuiltAsync(IDockerClient docker)
    {
        await Gate.WaitAsync();
        try
        {
            if (built)
            {
                return;
            }

            var compiled = await CompileAsync();
            await BuildAsync(docker, compiled, V1, "v1", "ok");
            await BuildAsync(docker, compiled, V2, "v2", "ok");
            await BuildAsync(docker, compiled, V2Unhealthy, "v2", "unhealthy");
            await BuildAsync(docker, compiled, V2Crash, "v2", "crash");
            await BuildAsync(docker, compiled, V2WithHealthcheck, "v2", "ok", """HEALTHCHECK --interval=1s --timeout=1s --retries=2 CMD ["/service", "check"]""");
            await BuildAsync(docker, compiled, V2AnswersOnce, "v2", "once");
            await BuildAsync(docker, compiled, V2AspNet, "v2", "aspnet", "ENV ASPNETCORE_HTTP_PORTS=8080");
            binary = compiled;
            built = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> CompileAsync()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "TestService");
        var output = Path.Combine(Path.GetTempPath(), $"deploy-rollout-service-{Environment.ProcessId}");
        await TestProcess.RunToSuccessAsync("go", ["build", "-o", output, "."], source, new Dictionary<string, string?>
        {
            ["CGO_ENABLED"] = "0",
            ["GOFLAGS"] = "-mod=mod",
            ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "deploy-rollout-gocache"),
        }, TimeSpan.FromMinutes(5));
        return output;
    }

    private static async Task BuildAsync(IDockerClient docker, string program, string tag, string version, string mode, string extra = "")
    {
        var dockerfile = $"""
            FROM scratch
            COPY service /service
            ENV VERSION={version} MODE={mode}
            {extra}
            ENTRYPOINT ["/service"]
            """;
        using var context = new MemoryStream();
        using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            var file = new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(dockerfile)) };
            await tar.WriteEntryAsync(file);
            await tar.WriteEntryAsync(program, "service");
        }

        context.Position = 0;
        var errors = new StringBuilder();
        await docker.Images.BuildImageFromDockerfileAsync(
            new ImageBuildParameters { Tags = [tag], Remove = true, ForceRemove = true },
            context,
            authConfigs: null,
            headers: null,
            new SynchronousProgress(message => errors.Append(message.ErrorMessage)));
        if (errors.Length > 0)
        {
            throw new InvalidOperationException($"building {tag} failed: {errors}");
        }
    }

    private sealed class SynchronousProgress(Action<JSONMessage> report) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => report(value);
    }
}
