using Deploy.Build;
using Deploy.GitHub;

/// <summary>
/// Deploy appends the commit and repository it was given to deployed.txt in the root. While a file named
/// "hold" exists there it waits first, so a test can keep a run going for as long as it needs. Given --api-token,
/// it writes the token and its own command line down.
/// </summary>
internal sealed class TesterBuild : DeployBuild, IWebhookServer
{
    public static int Main() => Execute<TesterBuild>(x => x.Deploy);

    [Parameter("Commit to deploy")]
    public string? Ref { get; set; }

    [Parameter("Repository to deploy from")]
    public string? Repository { get; set; }

    [Parameter("A token the deployment needs"), Secret]
    public string? ApiToken { get; set; }

    public Target Deploy => _ => _
        .Executes(async cancellationToken =>
        {
            while (File.Exists(Path.Combine(RootDirectory, "hold")))
            {
                await Task.Delay(20, cancellationToken);
            }

            await File.AppendAllTextAsync(Path.Combine(RootDirectory, "deployed.txt"), $"{Ref} {Repository}\n", cancellationToken);
            if (ApiToken is not null)
            {
                // What the run was given, to show the secret arrived, and how: never on its command line.
                await File.WriteAllTextAsync(Path.Combine(RootDirectory, "token.txt"), ApiToken, cancellationToken);
                await File.WriteAllLinesAsync(Path.Combine(RootDirectory, "arguments.txt"), Environment.GetCommandLineArgs(), cancellationToken);
            }
        })
        .Produces("commit", () => Ref);
}
