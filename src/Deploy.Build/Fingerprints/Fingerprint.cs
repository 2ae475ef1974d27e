using System.Security.Cryptography;
using System.Text;

namespace Deploy.Build.Fingerprints;

/// <summary>
/// A target's fingerprint: one key over all its inputs (its declared ones, what the targets it needs handed on, the
/// build's code), and each input's digest, so that a key that differs can say which input changed.
/// </summary>
internal sealed class Fingerprint
{
    /// <summary>The format of keys and digests; a change makes every target run once.</summary>
    public const int Version = 1;

    private Fingerprint(string? key, IReadOnlyList<InputDigest> inputs)
    {
        Key = key;
        Inputs = inputs;
    }

    /// <summary>SHA-256 over every input's kind, name and digest (hex); null when one is not known yet.</summary>
    public string? Key { get; }

    public IReadOnlyList<InputDigest> Inputs { get; }

    public static Fingerprint Of(IReadOnlyList<InputDigest> inputs)
    {
        if (inputs.Any(i => i.Digest is null))
        {
            return new Fingerprint(null, inputs);
        }

        var text = new StringBuilder("deploy-fingerprint-").Append(Version).Append('\n');
        foreach (var input in inputs)
        {
            text.Append(input.Kind).Append('\0').Append(input.Name).Append('\0').Append(input.Digest).Append('\n');
        }

        return new Fingerprint(Hex(Encoding.UTF8.GetBytes(text.ToString())), inputs);
    }

    /// <summary>SHA-256 of <paramref name="content"/>, as lower-case hex.</summary>
    public static string Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>SHA-256 of the parts, each ended by a NUL, as lower-case hex.</summary>
    public static string Hex(params IEnumerable<string?> parts) =>
        Hex(Encoding.UTF8.GetBytes(string.Concat(parts.Select(p => (p ?? "\u0001null") + "\0"))));
}
