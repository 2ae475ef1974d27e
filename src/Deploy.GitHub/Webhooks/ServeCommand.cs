using System.Reflection;
using Deploy.Build;
using Deploy.GitHub.Workflows;

namespace Deploy.GitHub.Webhooks;

/// <summary>
/// <c>--serve</c>: listens for GitHub webhooks until SIGTERM or Ctrl+C, then stops taking deliveries, lets the
/// running pipeline finish (cancelling it after <c>--shutdown-grace</c>) and exits 0.
/// </summary>
internal sealed class ServeCommand(IWebhookServer component) : IBuildCommand
{
    public string Name => "serve";

    public IReadOnlyList<string> Modifiers => [];

    public string Usage => "--serve [--listen URL] --webhook-secret SECRET";

    public string Description => "Receive GitHub webhooks on POST /webhooks/github and run the pipeline at each pushed commit (GET /runs, GET /healthz)";

    public async Task<int> RunAsync(BuildCommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Values.Count > 0)
        {
            await context.Error.WriteLineAsync($"error: --serve is a switch and takes no value, but got '{string.Join(' ', context.Values)}'. Give the address with --listen.").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        WebhookOptions options;
        ChildCommand child;
        try
        {
            options = WebhookOptions.Create(component.Listen, component.WebhookSecret, component.Branches, component.WebhookMaxBody, component.ShutdownGrace);
            child = Child(context.Build);
        }
        catch (WebhookException exception)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        using var scheduler = new RunScheduler(new ChildProcessRunner(child, context.Build.RootDirectory, component.Log, component.Time), component.Time, component.Log, options.RecentRuns);
        WebhookServer server;
        try
        {
            server = await WebhookServer.StartAsync(options, scheduler, component.Log, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await context.Out.WriteLineAsync("Stopped before listening.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (IOException exception)
        {
            await context.Error.WriteLineAsync($"error: --serve cannot listen on {options.Url} ({exception.Message}). Pick a free address with --listen.").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        await using (server.ConfigureAwait(false))
        {
            await context.Out.WriteLineAsync($"Listening on {new Uri(server.Address, WebhookServer.Path)} for pushes to {string.Join(", ", options.Branches)}; runs: {new Uri(server.Address, "/runs")}").ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);

            component.Log.Information("Shutting down: no new deliveries; the running pipeline gets {Grace} to finish", options.ShutdownGrace);
            server.StopAccepting();
            await scheduler.StopAsync(options.ShutdownGrace).ConfigureAwait(false);
            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync("Stopped.").ConfigureAwait(false);
        return ExitCodes.Succeeded;
    }

    /// <summary>
    /// The build itself, as a child: the running program and build assembly, the default targets, then per run
    /// <c>--ref</c> (and <c>--repository</c> unless one is configured). Parameters given to the server on its
    /// command line are given to every run too: plain ones as arguments, secrets as environment variables.
    /// </summary>
    private static ChildCommand Child(BuildDescription build)
    {
        if (build.FindParameter("ref") is null)
        {
            throw new WebhookException("--serve runs the pipeline at the pushed commit with --ref, but this build has no ref parameter. Compose IClone into the build (or declare [Parameter] string Ref).");
        }

        var program = Environment.ProcessPath ?? "dotnet";
        var leading = new List<string>();
        if (Path.GetFileNameWithoutExtension(program).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            leading.Add(Assembly.GetEntryAssembly()?.Location is { Length: > 0 } dll
                ? dll
                : throw new WebhookException("--serve cannot tell which build assembly is running, so it cannot start runs. Run the build with ./build.sh."));
        }

        leading.AddRange(build.DefaultTargets);
        var trailing = new List<string>();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in build.Parameters.Where(p => p.CommandLineValues is not null))
        {
            if (WorkflowSettings.OwnParameters.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase) || parameter.CliName is "ref")
            {
                continue;
            }

            if (parameter.IsSecret)
            {
                // DEPLOY_NAME is the only variable the build reads a parameter from, and it comes before the parameter files, as the command line did.
                environment["DEPLOY_" + parameter.EnvironmentName] = string.Join(',', parameter.CommandLineValues!);
                continue;
            }

            trailing.Add("--" + parameter.CliName);
            trailing.AddRange(parameter.CommandLineValues!);
        }

        var repository = build.FindParameter("repository");
        return new ChildCommand(
            program,
            leading,
            trailing,
            environment,
            ["WEBHOOK_SECRET", "DEPLOY_WEBHOOK_SECRET"],
            PassRepository: repository is not null && repository.Value is null);
    }
}
