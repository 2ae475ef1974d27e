using Deploy.Build;

/// <summary>Deploy's own packages: Pack writes them all (the template included) to one folder, Publish pushes them.</summary>
sealed partial class Build
{
    [Parameter("Where Pack writes the packages (every src project, the Deploy meta-package and Deploy.Templates)")]
    string PackageOutput => GetParameter<string>() ?? Path.Combine(".nuke", "temp", "packages");

    [Parameter("Where Publish pushes the packages: an https:// (or http://) NuGet feed, or a local folder feed")]
    string? NugetSource => GetParameter<string>();

    [Parameter("API key for --nuget-source (required for an http(s) feed); handed to dotnet nuget push as NUGET_API_KEY, never on its command line"), Secret]
    string? NugetApiKey => GetParameter<string>();

    string PackageDirectory => Path.GetFullPath(PackageOutput, RootDirectory);

    Target Pack => _ => _
        .Description("Pack every Deploy package, the template included, into --package-output")
        .Executes(async ct =>
        {
            // Publish pushes what is in the folder: packages of an earlier version must not be among them.
            if (Directory.Exists(PackageDirectory))
            {
                foreach (var old in Directory.EnumerateFiles(PackageDirectory, "*.*nupkg"))
                    File.Delete(old);
            }
            await this.RunProcessAsync("dotnet", ["pack", "Deploy.sln", "--configuration", "Release", "--output", PackageDirectory, "-nologo"], cancellationToken: ct);
            Log.Information("Packages in {Directory}: {Packages}", PackageDirectory, string.Join(", ", Packages().Select(Path.GetFileName)));
        });

    Target Publish => _ => _
        .Description("Push the packages Pack wrote to --nuget-source (--nuget-api-key for an http(s) feed)")
        .DependsOn(Pack)
        .Validates(PublishProblems)
        .Executes(async ct =>
        {
            var packages = Packages();
            if (packages.Count == 0)
                throw new InvalidOperationException($"Pack wrote no package into {PackageDirectory}; run ./build.sh Pack and look at its log.");
            // NuGet 7.6+ reads NUGET_API_KEY when --api-key is not given: the key stays out of every command line.
            var environment = new Dictionary<string, string?> { ["NUGET_API_KEY"] = NugetApiKey, ["NUGET_SYMBOL_API_KEY"] = NugetApiKey };
            foreach (var package in packages)
                await this.RunProcessAsync("dotnet", ["nuget", "push", package, "--source", NugetSource!, "--skip-duplicate"], environment: environment, cancellationToken: ct);
        });

    // The .nupkg files only: dotnet nuget push takes the .snupkg next to each itself.
    List<string> Packages() =>
        Directory.Exists(PackageDirectory)
            ? [.. Directory.EnumerateFiles(PackageDirectory, "*.nupkg").Order(StringComparer.Ordinal)]
            : [];

    IEnumerable<string> PublishProblems()
    {
        if (string.IsNullOrWhiteSpace(NugetSource))
        {
            yield return "Publish needs --nuget-source: the feed to push to, e.g. --nuget-source https://api.nuget.org/v3/index.json, or a local folder.";
            yield break;
        }
        var isUrl = NugetSource.Contains("://", StringComparison.Ordinal);
        if (isUrl && !(Uri.TryCreate(NugetSource, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && url.UserInfo.Length == 0))
            yield return $"--nuget-source '{NugetSource}' is not an http(s) feed URL without credentials; give e.g. https://api.nuget.org/v3/index.json (and the key with --nuget-api-key), or a local folder.";
        else if (isUrl && string.IsNullOrEmpty(NugetApiKey))
            yield return $"Publish to {NugetSource} needs --nuget-api-key (or DEPLOY_NUGET_API_KEY): the feed's API key.";
        else if (!isUrl && !Directory.Exists(Path.GetFullPath(NugetSource, RootDirectory)))
            yield return $"--nuget-source '{NugetSource}' is neither an http(s) URL nor an existing folder; create the folder or give the feed's URL.";
    }
}
