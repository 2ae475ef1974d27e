using Deploy.Build;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.OpenTelemetry.Tests.Support;

/// <summary>
/// Checkout → Compile → Test → Publish, and Lint (statically skipped), with the tracing component reading OTEL_*
/// from the build's environment (the driver's). The clock moves as the targets run; Compile starts a child process that prints its
/// TRACEPARENT; <see cref="FailTest"/> makes Test fail.
/// </summary>
internal sealed class TracedBuild(FakeTimeProvider clock) : DeployBuild, IOpenTelemetryTracing
{
    public const string Digest = "sha256:7f3a0c5e1b2d4f6a8c9e0b1d2f3a4c5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c";

    public bool FailTest { get; init; }

    private Target Checkout => _ => _
        .Produces("commit", () => "4f2a9c1")
        .Produces("ref", () => "refs/heads/main")
        .Executes(() => clock.Advance(TimeSpan.FromSeconds(2)));

    private Target Lint => _ => _.OnlyWhenStatic(() => clock.GetUtcNow().Year < 2000);

    private Target Compile => _ => _
        .DependsOn(Checkout)
        .Executes(async ct =>
        {
            await this.RunProcessAsync("sh", ["-c", "echo \"compiler sees TRACEPARENT=$TRACEPARENT\""], cancellationToken: ct);
            clock.Advance(TimeSpan.FromMilliseconds(1500));
        });

    private Target Test => _ => _
        .DependsOn(Compile)
        .Executes(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            if (FailTest)
            {
                throw new InvalidOperationException("3 tests failed");
            }
        });

    private Target Publish => _ => _
        .DependsOn(Test)
        .Produces("digest", () => Digest)
        .Executes(() => clock.Advance(TimeSpan.FromSeconds(1)));
}
