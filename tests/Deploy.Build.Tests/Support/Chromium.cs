using System.Globalization;

namespace Deploy.Build.Tests.Support;

/// <summary>
/// Debian's headless Chromium (<c>apt-get install chromium</c>): screenshots and the rendered DOM of a local page.
/// Each call starts a fresh browser with its own profile directory, deleted afterwards; one that hangs is killed.
/// </summary>
internal static class Chromium
{
    public const string Program = "/usr/bin/chromium";

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static bool IsInstalled => File.Exists(Program);

    /// <summary>Why a test cannot run here: null when Chromium is installed.</summary>
    public static string? Missing => IsInstalled
        ? null
        : $"{Program} is not installed (apt-get install -y chromium){(TestEnvironment.IsCi ? "; CI=true, so test.sh should have installed it" : "")}.";

    /// <summary>A PNG of <paramref name="page"/> drawn in a window of the given size.</summary>
    public static async Task<byte[]> ScreenshotAsync(string page, int width, int height)
    {
        var directory = Directory.CreateTempSubdirectory("deploy-chromium-shot-");
        try
        {
            var file = Path.Combine(directory.FullName, "screenshot.png");
            await RunAsync(directory.FullName, [$"--screenshot={file}", string.Create(CultureInfo.InvariantCulture, $"--window-size={width},{height}")], page);
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The DOM after Chromium parsed and laid out <paramref name="page"/>, serialized as HTML.</summary>
    public static async Task<string> DumpDomAsync(string page)
    {
        var directory = Directory.CreateTempSubdirectory("deploy-chromium-dom-");
        try
        {
            return await RunAsync(directory.FullName, ["--dump-dom"], page);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string directory, string[] arguments, string page)
    {
        if (Missing is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        string[] common =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
            $"--user-data-dir={Path.Combine(directory, "profile")}",
        ];
        var result = await TestProcess.RunAsync(Program, [.. common, .. arguments, new Uri(page).AbsoluteUri], directory, deadline: Deadline);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Chromium exited with {result.ExitCode} on {page}:\n{result.Error}");
        }

        return result.Output;
    }
}
