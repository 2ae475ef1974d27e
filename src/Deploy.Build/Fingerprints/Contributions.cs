namespace Deploy.Build.Fingerprints;

/// <summary>
/// What a finished target passes into the fingerprints of the targets that need it (a digest): its own fingerprint
/// when it has one, and what it handed on (<c>Outputs</c>). A target with no inputs passes on those of the targets it
/// needs, so a change two steps up still reaches it. A target that did not succeed passes something never seen before.
/// </summary>
internal static class Contributions
{
    /// <summary>A target skipped (a condition or <c>--skip</c>): it handed on nothing in this run.</summary>
    public static readonly string Skipped = Fingerprint.Hex("skipped");

    /// <summary>A target that succeeded, ran or up to date.</summary>
    /// <param name="fingerprint">Its fingerprint's key; null when it declares no inputs.</param>
    /// <param name="handsOn">The digest of what it handed on (its <c>Outputs</c> state and paths).</param>
    /// <param name="needs">What the targets it needs passed on, in plan order (only used without a fingerprint, which covers them).</param>
    public static string? Succeeded(string? fingerprint, string handsOn, IEnumerable<string?> needs)
    {
        if (fingerprint is not null)
        {
            return Fingerprint.Hex("fingerprint", fingerprint, handsOn);
        }

        var passed = needs.ToList();
        return passed.Any(n => n is null) ? null : Fingerprint.Hex(["passes", handsOn, .. passed]);
    }

    /// <summary>A target that failed, was aborted or never ran: nothing that needs it can be up to date.</summary>
    public static string Unknown() => Fingerprint.Hex("unknown", Guid.NewGuid().ToString("N"));
}
