using Serilog;
using Serilog.Core;

namespace Deploy.Build;

/// <summary>What a build instance knows about its run: root, logger, parameter values. One per build object.</summary>
internal sealed class BuildContext(string rootDirectory, ILogger log, IReadOnlyDictionary<string, object?> values)
{
    public static BuildContext Unconfigured { get; } = new(Directory.GetCurrentDirectory(), Logger.None, new Dictionary<string, object?>());

    public string RootDirectory { get; } = rootDirectory;
    public ILogger Log { get; } = log;
    public IReadOnlyDictionary<string, object?> Values { get; } = values;
}
