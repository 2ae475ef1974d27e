using Deploy.Build;
using Deploy.Docker;
using Deploy.DotNet;
using Deploy.Git;
using Deploy.Rollout;

/// <summary>
/// This repository's pipeline: Restore -> Compile -> { Test, Image -> Push } -> Rollout -> Smoke. It builds the
/// checkout it stands in (--project, in .nuke/parameters.json), pushes the image when --registry is given and
/// rolls it out (--rollout-target docker or kubernetes). With --repository URL (IClone) it clones and builds that
/// repository instead, in a workspace that inherits nothing of this one. Add targets of your own as properties, like Smoke.
/// </summary>
sealed class Build : DeployBuild, IRollout, IClone
{
    public static int Main() => Execute<Build>(x => x.Smoke);

    // dotnet new cannot see whether the repository has a Dockerfile, so it wrote one as build/Dockerfile: the
    // image uses the Dockerfile of the source it builds (this checkout, or the --repository clone) when there is
    // one, else that one (--dockerfile chooses another).
    string IImage.Dockerfile => GetParameter<string>(nameof(IImage.Dockerfile)) ?? DefaultDockerfile(Path.Combine(((IImage)this).ImageSourceDirectory, ((IImage)this).DockerContext));

    string DefaultDockerfile(string context) =>
        File.Exists(Path.Combine(context, "Dockerfile")) ? "Dockerfile" : Path.GetRelativePath(context, Path.Combine(RootDirectory, "build", "Dockerfile"));

    [Parameter("URL the Smoke target requests once Rollout is done (default: http://127.0.0.1:<service-port>/)")]
    Uri? SmokeUrl => GetParameter<Uri>();

    /// <summary>An example target of your own: after Rollout, the deployed service must answer.</summary>
    Target Smoke => _ => _
        .Description("Request the deployed service once Rollout is done (docker)")
        .DependsOn<IRollout>(x => x.Rollout)
        .OnlyWhenStatic(() => ((IRollout)this).RolloutTarget == RolloutTarget.Docker)
        .Executes(async ct =>
        {
            var url = SmokeUrl ?? new Uri($"http://127.0.0.1:{((IRollout)this).ServicePort}/");
            using var http = new HttpClient();
            using var response = await http.GetAsync(url, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Smoke: {url} answered {(int)response.StatusCode}; the deployed service does not serve.");
            Log.Information("Smoke: {Url} answered {Status}: {Body}", url, (int)response.StatusCode, body.Length > 200 ? body[..200] : body);
        });
}
