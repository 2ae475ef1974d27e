using System.Globalization;

namespace HelloService;

/// <summary>Where the service listens: <c>PORT</c> (default 8080) on <c>HOST</c> (default 0.0.0.0, all interfaces).</summary>
internal static class Listening
{
    public const int DefaultPort = 8080;
    public const string DefaultHost = "0.0.0.0";

    public static string Url(Func<string, string?> environment)
    {
        var host = environment("HOST") is { Length: > 0 } h ? h : DefaultHost;
        var port = environment("PORT") is { Length: > 0 } p ? ParsePort(p) : DefaultPort;
        return $"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"PORT is '{value}', which is not a port number. Set PORT to a number from 1 to 65535, or unset it for {DefaultPort}.");
}
