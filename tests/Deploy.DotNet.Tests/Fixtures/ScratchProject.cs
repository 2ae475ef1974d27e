using Deploy.DotNet.Tests.Support;

namespace Deploy.DotNet.Tests.Fixtures;

/// <summary>
/// A scratch xunit project, generated and compiled once: one test passes, one fails, one is skipped, and one
/// blocks (after writing its process id to <see cref="PidFile"/>) while <see cref="HangRequest"/> exists.
/// </summary>
public sealed class ScratchProject : IAsyncLifetime, IDisposable
{
    public const string FailingTest = "Scratch.ScratchTests.Subtracts_wrongly";

    private readonly TempDirectory _directory = new("deploy-scratch");

    public string Path => _directory.Path;

    public string HangRequest => System.IO.Path.Combine(Path, "hang-requested");

    public string PidFile => System.IO.Path.Combine(Path, "hanging.pid");

    public async Task InitializeAsync()
    {
        _directory.Write("Scratch.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsTestProject>true</IsTestProject>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
            </Project>
            """);
        _directory.Write("ScratchTests.cs", $$"""
            using Xunit;

            namespace Scratch;

            public class ScratchTests
            {
                [Fact]
                public void Adds() => Assert.Equal(4, 2 + 2);

                [Fact]
                public void Subtracts_wrongly() => Assert.Equal(1, 3 - 1);

                [Fact(Skip = "not today")]
                public void Skipped() { }

                [Fact]
                public void Hangs_when_asked()
                {
                    if (!File.Exists(@"{{HangRequest}}"))
                    {
                        return;
                    }

                    File.WriteAllText(@"{{PidFile}}.tmp", Environment.ProcessId.ToString());
                    File.Move(@"{{PidFile}}.tmp", @"{{PidFile}}");
                    Thread.Sleep(Timeout.Infinite);
                }
            }
            """);

        using var driver = new BuildDriver();
        var result = await driver.RunAsync(new ServiceBuild(Path), ["Compile", "--project", "."]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"The scratch project did not compile:\n{result}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _directory.Dispose();
}

/// <summary>Tests that run the scratch project's tests: one at a time, since one of them makes a test hang.</summary>
[CollectionDefinition(Name)]
public sealed class SharesScratchProject : ICollectionFixture<ScratchProject>
{
    public const string Name = "scratch project";
}
