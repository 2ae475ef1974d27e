using Deploy.Build;
using Deploy.Prometheus;

namespace Deploy.Prometheus.Tester;

/// <summary>
/// Checkout → Compile → Test → Publish, with the metrics component. Checkout produces the commit and ref,
/// Publish the image; <c>--fail-test</c> makes Test fail.
/// </summary>
internal sealed class TesterBuild : DeployBuild, IPushgatewayMetrics
{
    [Parameter("Make the Test target fail")]
    private readonly bool _failTest = false;

    private string? _image;

    public static int Main() => Execute<TesterBuild>(x => x.Publish);

    private Target Checkout => _ => _
        .Produces("commit", () => "0123abcd")
        .Produces("ref", () => "refs/heads/main")
        .Executes(() => Log.Information("Checked out 0123abcd"));

    private Target Compile => _ => _
        .DependsOn(Checkout)
        .Executes(ct => Task.Delay(TimeSpan.FromMilliseconds(50), ct));

    private Target Test => _ => _
        .DependsOn(Compile)
        .Executes(() =>
        {
            if (_failTest)
            {
                throw new InvalidOperationException("3 tests failed");
            }
        });

    private Target Publish => _ => _
        .DependsOn(Test)
        .Produces("image", () => _image)
        .Executes(() => _image = "registry.example/app:0123abcd");
}
