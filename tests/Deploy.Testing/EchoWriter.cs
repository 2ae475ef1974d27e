using System.Text;

namespace Deploy.Testing;

/// <summary>Writes everything to <paramref name="first"/> and, as it comes, to <paramref name="second"/>.</summary>
internal sealed class EchoWriter(TextWriter first, TextWriter second) : TextWriter
{
    public override Encoding Encoding => first.Encoding;

    public override void Write(char value)
    {
        first.Write(value);
        second.Write(value);
    }

    public override void Write(string? value)
    {
        first.Write(value);
        second.Write(value);
    }

    public override async Task WriteAsync(string? value)
    {
        await first.WriteAsync(value).ConfigureAwait(false);
        await second.WriteAsync(value).ConfigureAwait(false);
    }

    public override async Task WriteLineAsync(string? value)
    {
        await first.WriteLineAsync(value).ConfigureAwait(false);
        await second.WriteLineAsync(value).ConfigureAwait(false);
    }
}
