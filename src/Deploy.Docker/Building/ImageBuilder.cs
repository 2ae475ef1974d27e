using Deploy.Build;
using Deploy.Docker.Context;
using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Deploy.Docker.Building;

/// <summary>Builds an image with the engine's classic builder from a streamed context.</summary>
internal sealed class ImageBuilder(DockerClient client, ILogger log)
{
    /// <summary>Builds <paramref name="request"/>; returns the image ID (<c>sha256:…</c>).</summary>
    /// <exception cref="ImageBuildFailedException">The engine reported an error; it names the step.</exception>
    public async Task<string> BuildAsync(BuildRequest request, CancellationToken cancellationToken = default)
    {
        var ignore = await DockerIgnore.ReadAsync(request.ContextDirectory, request.Dockerfile, cancellationToken).ConfigureAwait(false);
        var context = new ContextArchive(request.ContextDirectory, ignore, request.StagedDirectories, request.StagedFiles, request.LeftOut);
        var parameters = new ImageBuildParameters
        {
            Dockerfile = request.Dockerfile,
            Tags = request.References.ToList(),
            BuildArgs = request.BuildArgs.ToDictionary(),
            Labels = request.Labels.ToDictionary(),
            Target = request.Target,
            Remove = true,
            ForceRemove = true,
        };

        var monitor = new BuildMonitor(log);
        using var writerStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var (reader, writing) = context.Open(writerStop.Token);
        try
        {
            await client.Images.BuildImageFromDockerfileAsync(parameters, reader, [], new Dictionary<string, string>(), monitor, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new ImageBuildFailedException(DaemonMessage(e), monitor.LastStep, request.Dockerfile);
        }
        catch (Exception e) when (writing.IsFaulted && e is not OperationCanceledException)
        {
            throw ContextFailure(writing.Exception!.GetBaseException(), request.ContextDirectory);
        }
        finally
        {
            // The engine stops reading on an early failure: stop writing too.
            await writerStop.CancelAsync().ConfigureAwait(false);
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        if (writing.IsFaulted && writing.Exception!.GetBaseException() is not OperationCanceledException)
        {
            throw ContextFailure(writing.Exception.GetBaseException(), request.ContextDirectory);
        }

        if (monitor.Error is { } error)
        {
            throw new ImageBuildFailedException(error, monitor.LastStep, request.Dockerfile);
        }

        log.Information("Sent a build context of {Files} files", context.FileCount);
        var id = monitor.ImageId ?? throw new ImageBuildFailedException("the engine reported no image ID", monitor.LastStep, request.Dockerfile);

        // The classic builder may report a short ID ("Successfully built 1a2b3c"); the run record gets the full one.
        return id.StartsWith("sha256:", StringComparison.Ordinal)
            ? id
            : (await client.Images.InspectImageAsync(id, cancellationToken).ConfigureAwait(false)).ID;
    }

    private static DeployException ContextFailure(Exception cause, string directory) =>
        new($"Could not send the build context '{directory}': {cause.Message} Make the files readable, or leave them out with .dockerignore.", cause);

    /// <summary>The daemon's message from an API error body (<c>{"message":"…"}</c>), else the body itself.</summary>
    internal static string DaemonMessage(DockerApiException exception)
    {
        var body = exception.ResponseBody?.Trim() ?? "";
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { } text)
            {
                return text;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return body.Length > 0 ? body : exception.StatusCode.ToString();
    }
}
