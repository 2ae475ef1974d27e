using Deploy.Build;

namespace Deploy.DotNet.Toolchains;

/// <summary>Maps a .NET runtime identifier (the <c>--runtime</c> parameter) to Go's GOOS and GOARCH.</summary>
internal static class GoPlatform
{
    public static (string Os, string Architecture) FromRuntime(string runtime)
    {
        var parts = runtime.Split('-');
        string? os = parts[0] switch
        {
            "linux" => "linux",
            "win" => "windows",
            "osx" => "darwin",
            "freebsd" => "freebsd",
            _ => null,
        };
        string? architecture = parts.Length < 2 ? null : parts[^1] switch
        {
            "x64" => "amd64",
            "arm64" => "arm64",
            "x86" => "386",
            "arm" => "arm",
            _ => null,
        };
        return os is not null && architecture is not null
            ? (os, architecture)
            : throw new DeployException($"--runtime '{runtime}' has no Go equivalent. Use a runtime identifier such as linux-x64, linux-arm64, win-x64 or osx-arm64.");
    }
}
