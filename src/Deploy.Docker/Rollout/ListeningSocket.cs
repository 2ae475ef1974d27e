using System.Globalization;
using System.Net;

namespace Deploy.Docker.Rollout;

/// <summary>A listening TCP socket from a <c>/proc/net/tcp</c> (or <c>tcp6</c>) table.</summary>
/// <param name="Address">The local address it listens on.</param>
/// <param name="Port">The local port.</param>
/// <param name="User">The user ID that owns the socket.</param>
/// <param name="Inode">The socket's inode: what <c>/proc/PID/fd</c> links of its holders point at.</param>
internal sealed record ListeningSocket(IPAddress Address, int Port, int User, long Inode)
{
    /// <summary>Parses one line of the table; null for the header, another state than <paramref name="state"/>, or a line it cannot read.</summary>
    public static ListeningSocket? Parse(string line, string state)
    {
        // "  1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 153851 1 ..."
        //  sl   local_address rem_address   st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 10 || fields[3] != state)
        {
            return null;
        }

        var local = fields[1].Split(':');
        if (local.Length != 2
            || ParseAddress(local[0]) is not { } address
            || !int.TryParse(local[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port)
            || !int.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
        {
            return null;
        }

        return new ListeningSocket(address, port, user, inode);
    }

    /// <inheritdoc />
    public override string ToString() => new IPEndPoint(Address, Port).ToString();

    // The kernel prints the address as 32-bit words in host byte order (little-endian on x86 and arm64), in hex.
    private static IPAddress? ParseAddress(string hex)
    {
        if (hex.Length is not (8 or 32))
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            if (!uint.TryParse(hex.AsSpan(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            var ordered = BitConverter.IsLittleEndian ? value : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(word * 4, 4), ordered);
        }

        return new IPAddress(bytes);
    }
}
