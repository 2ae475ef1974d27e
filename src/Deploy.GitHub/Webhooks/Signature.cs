using System.Security.Cryptography;

namespace Deploy.GitHub.Webhooks;

/// <summary>
/// X-Hub-Signature-256: "sha256=" and the hex HMAC-SHA256 of the raw body under the webhook's secret, compared in
/// constant time (docs.github.com, "Validating webhook deliveries").
/// </summary>
internal static class Signature
{
    private const string Prefix = "sha256=";

    public static bool IsValid(byte[] secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The header GitHub would send for this body.</summary>
    public static string Sign(byte[] secret, ReadOnlySpan<byte> body) => Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));
}
