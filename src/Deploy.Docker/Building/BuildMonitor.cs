using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Serilog;

namespace Deploy.Docker.Building;

/// <summary>
/// Reads the engine's build stream (https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Image/operation/ImageBuild):
/// <c>stream</c> lines go to the log, the last <c>Step n/m</c> is remembered, <c>aux.ID</c> is the image, <c>error</c> the failure.
/// Called synchronously, in order, by Docker.DotNet's reader (so not a <see cref="Progress{T}"/>, which would reorder lines).
/// </summary>
internal sealed partial class BuildMonitor(ILogger log) : IProgress<JSONMessage>
{
    private readonly object _gate = new();

    public string? ImageId { get; private set; }

    public string? Error { get; private set; }

    public string? LastStep { get; private set; }

    public void Report(JSONMessage value)
    {
        lock (_gate)
        {
            if (!string.IsNullOrEmpty(value.Stream))
            {
                foreach (var line in value.Stream.Split('\n'))
                {
                    var text = line.TrimEnd('\r', ' ');
                    if (text.Length == 0)
                    {
                        continue;
                    }

                    log.Information("{Line}", text);
                    if (text.StartsWith("Step ", StringComparison.Ordinal))
                    {
                        LastStep = text;
                    }
                    else if (ImageId is null && SuccessfullyBuilt().Match(text) is { Success: true } built)
                    {
                        ImageId = built.Groups[1].Value;
                    }
                }
            }

            if (!string.IsNullOrEmpty(value.Status))
            {
                log.Information("{Status}", string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}");
            }

            if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var id) && id?.ToString() is { Length: > 0 } imageId)
            {
                ImageId = imageId;
            }

            var error = value.Error?.Message is { Length: > 0 } message ? message : value.ErrorMessage;
            if (!string.IsNullOrEmpty(error))
            {
                Error = error.Trim();
                log.Error("{Error}", Error);
            }
        }
    }

    [GeneratedRegex(@"^Successfully built ([0-9a-f]+)$")]
    private static partial Regex SuccessfullyBuilt();
}
