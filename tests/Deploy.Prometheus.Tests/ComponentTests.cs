using System.Runtime.CompilerServices;
using Deploy.Build;
using Serilog;

namespace Deploy.Prometheus.Tests;

/// <summary>The component as a build sees it: parameters with defaults, and an observer only when there is a URL.</summary>
public sealed class ComponentTests
{
    [Fact]
    public void Without_a_url_there_is_nothing_to_observe()
    {
        IPushgatewayMetrics build = new FakeBuild([]);

        Assert.Null(build.PushgatewayMetrics);
        Assert.Equal("deploy", build.PushgatewayJob);
        Assert.Empty(build.PushgatewayLabel);
        Assert.Equal(TimeSpan.FromSeconds(5), build.PushgatewayTimeout);
    }

    [Fact]
    public void With_a_url_the_build_gets_an_observer()
    {
        IPushgatewayMetrics build = new FakeBuild(new() { ["PushgatewayUrl"] = new Uri("http://127.0.0.1:9091"), ["PushgatewayLabel"] = (string[])["env=ci"] });

        using var observer = Assert.IsType<PushgatewayObserver>(build.PushgatewayMetrics);
    }

    [Fact]
    public void Settings_that_cannot_work_stop_the_run_before_it_starts()
    {
        IPushgatewayMetrics build = new FakeBuild(new() { ["PushgatewayUrl"] = new Uri("http://127.0.0.1:9091"), ["PushgatewayLabel"] = (string[])["env"] });

        var error = Assert.Throws<DeployException>(() => build.PushgatewayMetrics);
        Assert.Contains("--pushgateway-label 'env' is not name=value", error.Message, StringComparison.Ordinal);
    }

    private sealed class FakeBuild(Dictionary<string, object> values) : IPushgatewayMetrics
    {
        public string RootDirectory => "/";

        public string TemporaryDirectory => "/tmp";

        public ILogger Log => Serilog.Core.Logger.None;

        public TimeProvider Time => TimeProvider.System;

        public IReadOnlyDictionary<string, string> EnvironmentVariables { get; } = new Dictionary<string, string>();

        public T? GetParameter<T>([CallerMemberName] string member = "") => values.TryGetValue(member, out var value) ? (T)value : default;

        public T GetState<T>()
            where T : class, new() => throw new NotSupportedException("The metrics component keeps no state on the build.");
    }
}
