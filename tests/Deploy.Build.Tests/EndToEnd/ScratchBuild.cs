using System.Diagnostics;

namespace Deploy.Build.Tests.EndToEnd;

/// <summary>
/// A scratch repository in a temp directory: build.sh, .nuke/, and a build/ project that references this
/// checkout's engine. Compiled once for all tests of a class (that is the slow part).
/// </summary>
public sealed class ScratchBuild : IDisposable
{
    private const string BuildSource = """
        using Deploy.Build;

        sealed class Build : DeployBuild
        {
            public static int Main() => Execute<Build>(x => x.Greet);

            [Parameter("Who to greet")] readonly string Name = "world";

            [Parameter("Container to replace")] readonly string ContainerName = "default-container";
            [Parameter("Clone directory")] readonly string? Workspace;
            [Parameter("Kubernetes namespace")] readonly string? Namespace;
            [Parameter("Git ref")] readonly string? Ref;
            [Parameter("Service project")] readonly string Project = "samples/hello-service";

            Target Where => _ => _
                .Executes(() => Log.Information("settings: {Values}", string.Join('|', ContainerName, Workspace, Namespace, Ref, Project)));

            Target Greet => _ => _
                .Description("Say hello")
                .Executes(() => Log.Information("Hello {Name}", Name));

            Target Fail => _ => _
                .Executes(() => throw new InvalidOperationException("this target always fails"));

            Target Wait => _ => _
                .Executes(async ct =>
                {
                    File.WriteAllText(Path.Combine(TemporaryDirectory, "waiting"), "");
                    try
                    {
                        await Task.Delay(Timeout.Infinite, ct);
                    }
                    finally
                    {
                        File.WriteAllText(Path.Combine(TemporaryDirectory, "cancelled"), ct.IsCancellationRequested.ToString());
                    }
                });

            Target Cleanup => _ => _
                .After(Wait)
                .AssuredAfterFailure()
                .Executes(() => File.WriteAllText(Path.Combine(TemporaryDirectory, "cleaned-up"), ""));
        }
        """;

    public ScratchBuild()
    {
        Root = Path.Combine(Path.GetTempPath(), "deploy-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        var repository = FindRepository();
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
        Directory.CreateDirectory(Path.Combine(Root, "build"));
        File.Copy(Path.Combine(repository, "build.sh"), Path.Combine(Root, "build.sh"));
        File.WriteAllText(Path.Combine(Root, "build", "_build.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <OutputPath>bin/</OutputPath>
                <AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(repository, "src", "Deploy.Build", "Deploy.Build.csproj")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Root, "build", "Build.cs"), BuildSource);
    }

    public string Root { get; }

    public string Temp => Path.Combine(Root, ".nuke", "temp");

    /// <summary>Starts ./build.sh with the arguments; output is collected.</summary>
    public ScriptRun Start(params string[] args) => Start(new Dictionary<string, string?>(), args);

    /// <summary>Starts ./build.sh with the arguments and these variables set (null: removed) in its environment.</summary>
    public ScriptRun Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root, "build.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CI"] = "true";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ScriptRun(Process.Start(start)!);
    }

    /// <summary>
    /// Starts ./build.sh on a real pseudo-terminal (util-linux's <c>script</c>, from Debian's essential bsdutils), as
    /// someone at a terminal runs it: not CI, <c>TERM=xterm-256color</c>.
    /// </summary>
    public ScriptRun StartOnTerminal(params string[] args)
    {
        var command = string.Join(' ', new[] { Path.Combine(Root, "build.sh") }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("script") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "--quiet", "--flush", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("CI");
        start.Environment.Remove("GITHUB_ACTIONS");
        start.Environment["TERM"] = "xterm-256color";
        var run = new ScriptRun(Process.Start(start)!, raw: true);
        run.Process.StandardInput.Close();
        return run;
    }

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var run = Start(args);
        return (await run.WaitAsync(TimeSpan.FromMinutes(3)), run.Output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Deploy.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the Deploy checkout: no Deploy.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>A running ./build.sh, its output collected as it comes.</summary>
public sealed class ScriptRun : IDisposable
{
    private readonly System.Text.StringBuilder _output = new();
    private readonly Task _pumps;

    /// <param name="process">The started process, its output redirected.</param>
    /// <param name="raw">Keep the output as it comes (carriage returns, escape codes); else line by line, with \n.</param>
    public ScriptRun(Process process, bool raw = false)
    {
        Process = process;
        _pumps = raw
            ? Task.WhenAll(PumpRaw(process.StandardOutput), PumpRaw(process.StandardError))
            : Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
    }

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(deadline.Token);
        await _pumps;
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    private async Task PumpRaw(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_output)
            {
                _output.Append(buffer, 0, read);
            }
        }
    }

    private async Task Pump(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.Append(line).Append('\n');
            }
        }
    }
}
