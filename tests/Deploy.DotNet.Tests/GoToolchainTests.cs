using Deploy.DotNet.Tests.Support;

namespace Deploy.DotNet.Tests;

public sealed class GoToolchainTests : IDisposable
{
    private readonly TempDirectory _module = new("deploy-go");

    public GoToolchainTests()
    {
        _module.Write("go.mod", "module example.com/hello\n\ngo 1.19\n");
        _module.Write("main.go", """
            package main

            import "fmt"

            var commit = "unknown"

            func subtract(a, b int) int { return a - b }

            func main() { fmt.Println("commit=" + commit) }
            """);
        _module.Write("main_test.go", """
            package main

            import "testing"

            func TestSubtracts(t *testing.T) {
                if subtract(3, 1) != 2 {
                    t.Fatal("3 - 1 is not 2")
                }
            }

            func TestSubtractsWrongly(t *testing.T) {
                if got := subtract(3, 1); got != 1 {
                    t.Errorf("3 - 1 = %d, want 1", got)
                }
            }

            func TestLater(t *testing.T) { t.Skip("not today") }
            """);
    }

    [GoFact]
    public async Task Compile_publishes_a_static_binary_stamped_with_the_commit()
    {
        using var driver = new BuildDriver();
        var build = new ServiceBuild(_module.Path, revision: "abc1234");

        var result = await driver.RunAsync(build, ["Compile", "--project", "."]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Toolchain: Go module go.mod", result.Output, StringComparison.Ordinal);
        Assert.Equal(["./hello"], build.LastPublished?.Command);
        Assert.Equal("commit=abc1234", await TestProcess.RunToSuccessAsync(Path.Combine(build.LastPublished!.Directory, "hello"), []));
    }

    [GoFact]
    public async Task A_failing_Go_test_fails_Test_with_its_name_and_message()
    {
        using var driver = new BuildDriver();
        var build = new ServiceBuild(_module.Path);

        var result = await driver.RunAsync(build, ["Test", "--skip", "--project", "."]);

        Assert.Equal(1, result.ExitCode);
        var error = result.ErrorOf("Test")!;
        Assert.Contains("1 passed, 1 failed, 1 skipped. Failed tests:", error, StringComparison.Ordinal);
        Assert.Contains("example.com/hello TestSubtractsWrongly", error, StringComparison.Ordinal);
        Assert.Contains("3 - 1 = 2, want 1", error, StringComparison.Ordinal);
    }

    [GoFact]
    public async Task Passing_Go_tests_are_counted_in_the_outputs()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new ServiceBuild(_module.Path), ["Test", "--skip", "--project", ".", "--test-filter", "TestSubtracts$"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1 passed, 0 failed, 0 skipped", result.OutputOf("Test", "tests"));
    }

    public void Dispose() => _module.Dispose();
}
