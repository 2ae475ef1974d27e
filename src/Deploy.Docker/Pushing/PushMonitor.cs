using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Serilog;

namespace Deploy.Docker.Pushing;

/// <summary>Reads the engine's push stream: layer states go to the log, the digest is taken from <c>aux</c> or the final status line.</summary>
internal sealed partial class PushMonitor(ILogger log) : IProgress<JSONMessage>
{
    private readonly object _gate = new();

    public string? Digest { get; private set; }

    public string? Error { get; private set; }

    public bool SawUpload { get; private set; }

    public void Report(JSONMessage value)
    {
        lock (_gate)
        {
            // Progress bars ("Pushing [==>   ]") would flood the log: only state changes are logged.
            if (!string.IsNullOrEmpty(value.Status) && value.Progress is null or { Current: 0, Total: 0 })
            {
                log.Information("{Status}", string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}");
                if (DigestLine().Match(value.Status) is { Success: true } line)
                {
                    Digest = line.Groups[1].Value;
                }
            }

            SawUpload |= value.Status is "Pushing" or "Pushed";
            if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("Digest", out var digest) && digest?.ToString() is { Length: > 0 } text)
            {
                Digest = text;
            }

            var error = value.Error?.Message is { Length: > 0 } message ? message : value.ErrorMessage;
            if (!string.IsNullOrEmpty(error))
            {
                Error = error.Trim();
            }
        }
    }

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex DigestLine();
}
