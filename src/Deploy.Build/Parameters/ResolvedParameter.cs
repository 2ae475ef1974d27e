namespace Deploy.Build.Parameters;

/// <summary>A parameter that got a value from somewhere other than its default: what, and from where.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Source">Where the value came from: "the command line", "environment variable DEPLOY_NAME", ".nuke/parameters.json".</param>
/// <param name="Values">The text given (one value, or the items of an array).</param>
internal sealed record ResolvedParameter(ParameterDescriptor Parameter, string Source, IReadOnlyList<string> Values)
{
    public const string CommandLine = "the command line";

    /// <summary>The value as the log and the run record show it: <c>***</c> for a secret, array items separated by spaces.</summary>
    public string Shown => Parameter.IsSecret ? Logging.SecretMasker.Mask : string.Join(' ', Values);
}
