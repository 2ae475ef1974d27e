using System.Diagnostics;

namespace Deploy.Build.Tests.EndToEnd;

/// <summary>
/// A scratch repository in a temp directory, shaped like a user's: the bootstrappers, .nuke/, a build/ project (no
/// OutputPath) that references this checkout's engine and a project of its own (lib/), a Directory.Build.props that
/// imports eng/Greeting.props, and a service under src/ that the build does not reference. Compiled once for all
/// tests of a class when used as a class fixture (that is the slow part).
/// </summary>
public sealed class ScratchBuild : IDisposable
{
    /// <summary>The build's source; <see cref="BuildVersion"/> is what tests edit.</summary>
    public const string BuildSource = """
        using System.Reflection;
        using Deploy.Build;

        sealed class Build : DeployBuild
        {
            const string Version = "build-v1";

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

            // What each input put into the assembly: this file, the referenced project, Directory.Build.props, the
            // file it imports, and Directory.Build.targets (which does not exist at first).
            Target Show => _ => _
                .Executes(() => Log.Information("shows {Version} {Greeting} {Props} {Imported} {Targets}",
                    Version, Scratch.Greeting.Text, Metadata("Props"), Metadata("Imported"), Metadata("Targets")));

            static string Metadata(string key) =>
                typeof(Build).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? "none";

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

    public const string BuildVersion = "build-v1";

    /// <summary>A scratch repository run through build.sh.</summary>
    public ScratchBuild()
        : this("build.sh")
    {
    }

    /// <summary>A scratch repository run through <paramref name="script"/>: build.sh, build.ps1 or build.cmd (from bash).</summary>
    /// <remarks>Internal: a class fixture may have one public constructor only.</remarks>
    internal ScratchBuild(string script)
    {
        Script = script;
        Root = Path.Combine(Path.GetTempPath(), "deploy-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        var repository = FindRepository();
        foreach (var directory in new[] { ".nuke", "build", "lib", "eng", Path.Combine("src", "Service") })
        {
            Directory.CreateDirectory(Path.Combine(Root, directory));
        }

        foreach (var bootstrapper in new[] { "build.sh", "build.ps1", "build.cmd" })
        {
            File.Copy(Path.Combine(repository, bootstrapper), Path.Combine(Root, bootstrapper));
        }

        Write("build/_build.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(repository, "src", "Deploy.Build", "Deploy.Build.csproj")}" />
                <ProjectReference Include="../lib/Greeting.csproj" />
              </ItemGroup>
            </Project>
            """);
        Write("build/Build.cs", BuildSource);
        Write("lib/Greeting.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        Write("lib/Greeting.cs", GreetingSource("greeting-v1"));
        Write("Directory.Build.props", DirectoryBuildProps("props-v1"));
        Write("eng/Greeting.props", MetadataProject("Imported", "imported-v1"));
        Write("src/Service/Service.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""");
        Write("src/Service/Program.cs", """System.Console.WriteLine("service v1");""");
    }

    public string Root { get; }

    /// <summary>The bootstrapper that <see cref="Start(string[])"/> runs.</summary>
    public string Script { get; }

    public string Temp => Path.Combine(Root, ".nuke", "temp");

    /// <summary>The script's stamp (build.cmd runs build.sh from bash, so it is build.sh's).</summary>
    public string StampFile => Path.Combine(Temp, Script == "build.ps1" ? "build.ps1.stamp" : "build.stamp");

    /// <summary>The assembly the stamp says to run, as a full path.</summary>
    public string Assembly
    {
        get
        {
            var run = File.ReadAllLines(StampFile).Single(l => l.StartsWith("run ", StringComparison.Ordinal))[4..];
            return Path.GetFullPath(run, Root);
        }
    }

    public static string GreetingSource(string text) => $$"""namespace Scratch; public static class Greeting { public static string Text => "{{text}}"; }""";

    public static string DirectoryBuildProps(string value) => $"""
        <Project>
          <Import Project="eng/Greeting.props" />
          <ItemGroup>
            <AssemblyMetadata Include="Props" Value="{value}" />
          </ItemGroup>
        </Project>
        """;

    public static string MetadataProject(string key, string value) => $"""
        <Project>
          <ItemGroup>
            <AssemblyMetadata Include="{key}" Value="{value}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>Writes a file of the scratch repository (path relative to its root, '/'-separated).</summary>
    public void Write(string path, string content) => File.WriteAllText(Path.Combine(Root, path), content);

    /// <summary>Starts the script with the arguments; output is collected.</summary>
    public ScriptRun Start(params string[] args) => Start(new Dictionary<string, string?>(), args);

    /// <summary>Starts the script with the arguments and these variables set (null: removed) in its environment.</summary>
    public ScriptRun Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = Script switch
        {
            "build.ps1" => new ProcessStartInfo(PowerShell.Path ?? throw new InvalidOperationException(PowerShell.Missing)) { ArgumentList = { "-NoLogo", "-NoProfile", "-File", Path.Combine(Root, Script) } },
            // As a user of bash types ./build.cmd: bash runs a file without a #! line itself.
            "build.cmd" => new ProcessStartInfo("bash") { ArgumentList = { "-c", "./build.cmd \"$@\"", "bash" } },
            _ => new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(Root, Script) } },
        };
        start.WorkingDirectory = Root;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
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

    internal static string FindRepository()
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
