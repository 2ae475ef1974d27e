using Deploy.Docker;
using Deploy.DotNet;

namespace Deploy.Rollout.Tests.Component;

/// <summary>
/// What the stock targets hand on survives the output store unchanged, so a target skipped by --continue gives later
/// targets what it gave them when it ran. (GitCheckout, PublishedService, ContainerImage and PushedImage are also
/// restored by the end-to-end --continue tests.)
/// </summary>
public sealed class HandedOnStateTests
{
    [Fact]
    public async Task Deployed_round_trips_with_its_rollout_target()
    {
        var deployed = new Deployed(RolloutTarget.Kubernetes, "127.0.0.1:5000/hello@sha256:" + new string('a', 64), "shop/web", "3", null);

        Assert.Equal(deployed, await HandedOnState.RoundTripAsync(deployed));
    }

    [Fact]
    public async Task A_pushed_image_and_a_built_image_round_trip_with_their_tags()
    {
        var pushed = new PushedImage("127.0.0.1:5000/hello", "sha256:" + new string('b', 64), ["0a1b2c3", "latest"]);
        var built = new ContainerImage("sha256:" + new string('c', 64), "127.0.0.1:5000/hello", ["0a1b2c3", "latest"], "127.0.0.1:5000");

        var restoredPush = await HandedOnState.RoundTripAsync(pushed);
        var restoredImage = await HandedOnState.RoundTripAsync(built);

        Assert.Equivalent(pushed, restoredPush, strict: true);
        Assert.Equal(pushed.Reference, restoredPush.Reference);
        Assert.Equivalent(built, restoredImage, strict: true);
        Assert.Equal(built.References, restoredImage.References);
    }

    [Fact]
    public async Task A_published_service_and_a_test_summary_round_trip()
    {
        var published = new PublishedService("/work/.nuke/temp/publish", ["dotnet", "HelloService.dll"], "linux-arm64", SelfContained: false);
        var summary = new TestSummary(12, 1, 2, [new FailedTest("Shop.Tests.Pays", "expected 2\nbut was 3")]);

        var restoredPublish = await HandedOnState.RoundTripAsync(published);
        var restoredSummary = await HandedOnState.RoundTripAsync(summary);

        Assert.Equivalent(published, restoredPublish, strict: true);
        Assert.Equivalent(summary, restoredSummary, strict: true);
        Assert.Equal("12 passed, 1 failed, 2 skipped", restoredSummary.ToString());
    }
}
