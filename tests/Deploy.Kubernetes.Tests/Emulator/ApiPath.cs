namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// A request path of the API, taken apart: <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/{sub}]]</c>,
/// or <c>/api/v1/…</c> for the core group. No plural: the group version's discovery document.
/// </summary>
internal sealed record ApiPath(string Group, string Version, string? Namespace, string? Plural, string? Name, string? Subresource)
{
    public static ApiPath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string group, version;
        string[] rest;
        switch (segments)
        {
            case ["api", var v, .. var tail]:
                (group, version, rest) = (string.Empty, v, tail);
                break;
            case ["apis", var g, var v, .. var tail]:
                (group, version, rest) = (g, v, tail);
                break;
            default:
                return null;
        }

        return rest switch
        {
            [] => new ApiPath(group, version, null, null, null, null),
            ["namespaces", var ns, var plural, .. var item] when item.Length <= 2 => new ApiPath(group, version, ns, plural, item.ElementAtOrDefault(0), item.ElementAtOrDefault(1)),
            [var plural, .. var item] when item.Length <= 2 => new ApiPath(group, version, null, plural, item.ElementAtOrDefault(0), item.ElementAtOrDefault(1)),
            _ => null,
        };
    }
}
