using Deploy.DotNet.Tests.Fixtures;
using Deploy.DotNet.Tests.Support;

namespace Deploy.DotNet.Tests;

[Collection(SharesScratchProject.Name)]
public sealed class CancellationTests(ScratchProject scratch)
{
    [Fact]
    public async Task Cancelling_during_dotnet_test_aborts_Test_and_leaves_no_process_behind()
    {
        using var driver = new BuildDriver();
        using var cancellation = new CancellationTokenSource();
        using var watcher = new FileSystemWatcher(scratch.Path, Path.GetFileName(scratch.PidFile)) { EnableRaisingEvents = true };
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Created += (_, _) => hanging.TrySetResult();
        watcher.Renamed += (_, _) => hanging.TrySetResult();
        File.WriteAllText(scratch.HangRequest, "");
        try
        {
            var run = driver.RunAsync(new ServiceBuild(scratch.Path), ["Test", "--skip", "--project", ".", "--test-filter", "FullyQualifiedName~Hangs_when_asked"], cancellation.Token);
            await Task.WhenAny(hanging.Task, run, Task.Delay(TimeSpan.FromMinutes(5)));
            Assert.True(File.Exists(scratch.PidFile), run.IsCompleted ? $"The test never hung:\n{await run}" : "The test never hung.");

            // Everything the build started for `dotnet test`: the CLI, the test console, the test host.
            var testHost = int.Parse(File.ReadAllText(scratch.PidFile), System.Globalization.CultureInfo.InvariantCulture);
            var dotnetTest = ProcessTree.ChildOnPathTo(testHost, Environment.ProcessId);
            Assert.NotNull(dotnetTest);
            var tree = ProcessTree.TreeOf(dotnetTest.Value);
            Assert.Contains(testHost, tree);

            cancellation.Cancel();
            var result = await run;

            Assert.Equal(130, result.ExitCode);
            Assert.Equal("Aborted", result.StatusOf("Test"));
            Assert.Empty(await ProcessTree.StillRunningAfterAsync(tree, TimeSpan.FromSeconds(10)));
        }
        finally
        {
            File.Delete(scratch.HangRequest);
            File.Delete(scratch.PidFile);
        }
    }
}
