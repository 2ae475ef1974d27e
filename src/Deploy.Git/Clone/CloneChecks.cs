namespace Deploy.Git.Clone;

/// <summary>
/// Every check of the Clone target's parameters (<c>--repository</c> and <c>--ref</c> forms, <c>--depth</c>,
/// retries, key files, the workspace): the target's <c>Validates</c> runs them while planning, and
/// <see cref="CloneRequest.From"/> reads the request through the same code.
/// </summary>
internal static class CloneChecks
{
    public static List<string> Problems(IClone build)
    {
        var problems = new List<string>();
        CloneRequest.Read(build, problems);
        return problems;
    }
}
