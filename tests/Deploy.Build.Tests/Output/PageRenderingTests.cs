using System.Globalization;
using System.Text.RegularExpressions;
using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Output;

/// <summary>
/// The plan and run pages of a real parallel run, drawn by headless Chromium: the screenshot is a picture (not a
/// blank page) holding the pages' colours, and the DOM Chromium built holds one node or bar per target with its name.
/// </summary>
public sealed partial class PageRenderingTests : IDisposable
{
    private const int Width = 1280;
    private const int Height = 800;
    private const int White = 0xFFFFFF;

    private static readonly string[] Targets = ["Clone", "Compile", "Lint", "Docs", "Audit", "Test", "Package", "Publish"];

    private static readonly string[] Dependencies =
    [
        "Audit -needs-> Publish", "Clone -after-> Audit", "Clone -needs-> Compile", "Clone -needs-> Docs", "Clone -needs-> Lint",
        "Compile -needs-> Test", "Docs -needs-> Publish", "Lint -needs-> Package", "Package -needs-> Publish", "Test -needs-> Package",
    ];

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly BuildDriver _driver;

    public PageRenderingTests() => _driver = new BuildDriver { Time = _clock, ProcessorCount = 3 };

    public void Dispose() => _driver.Dispose();

    /// <summary>Compile, Lint and Docs run together (Compile and Lint each wait until the other has started); Docs fails.</summary>
    private sealed class Release(FakeTimeProvider clock) : DeployBuild
    {
        private readonly Gate _compileStarted = new();
        private readonly Gate _lintStarted = new();
        private readonly bool _audit = clock.GetUtcNow().Year < 2000;

        Target Clone => _ => _.Executes(() => clock.Advance(TimeSpan.FromSeconds(1)));

        Target Compile => _ => _.DependsOn(Clone).Executes(async ct =>
        {
            _compileStarted.Open();
            await _lintStarted.WaitAsync(ct);
            clock.Advance(TimeSpan.FromSeconds(3));
        });

        Target Lint => _ => _.DependsOn(Clone).Executes(async ct =>
        {
            _lintStarted.Open();
            await _compileStarted.WaitAsync(ct);
            clock.Advance(TimeSpan.FromSeconds(2));
        });

        Target Docs => _ => _.DependsOn(Clone).Executes(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1.5));
            throw new InvalidOperationException("docs: 2 broken links");
        });

        Target Audit => _ => _.After(Clone).OnlyWhenStatic(() => _audit).Executes(() => { });
        Target Test => _ => _.DependsOn(Compile).Executes(() => clock.Advance(TimeSpan.FromSeconds(2)));
        Target Package => _ => _.DependsOn(Test, Lint).Executes(() => clock.Advance(TimeSpan.FromSeconds(1)));
        Target Publish => _ => _.DependsOn(Package, Docs, Audit).Executes(() => { });
    }

    [ChromiumFact]
    public async Task The_plan_page_draws_in_Chromium_with_one_labelled_node_per_target_and_an_arrow_per_dependency()
    {
        var result = await _driver.RunAsync(new Release(_clock), ["Publish", "--plan"]);
        RunAssert.ExitCode(0, result);
        var page = Path.Combine(_driver.Temp, "execution-plan.html");

        var dom = await Chromium.DumpDomAsync(page);
        var image = PngImage.Decode(await Chromium.ScreenshotAsync(page, Width, Height));

        var nodes = PlanNodes().Matches(dom).Select(m => (Target: m.Groups["target"].Value, Label: m.Groups["label"].Value, Skipped: m.Groups["classes"].Value.Contains("skipped", StringComparison.Ordinal))).ToList();
        Assert.Equal(Targets.Order(StringComparer.Ordinal), nodes.Select(n => n.Target).Order(StringComparer.Ordinal));
        Assert.All(nodes, n => Assert.Equal(n.Target, n.Label));
        Assert.Equal(["Audit"], nodes.Where(n => n.Skipped).Select(n => n.Target));
        var edges = Edges().Matches(dom).Select(m => $"{m.Groups["from"].Value} -{m.Groups["kind"].Value}-> {m.Groups["to"].Value}").Order(StringComparer.Ordinal);
        Assert.Equal(Dependencies.Order(StringComparer.Ordinal), edges);

        AssertIsAPicture(image);
        var histogram = image.Histogram();
        const int NodeFill = 0xDDF4FF;
        var nodeArea = 120 * 36;
        Assert.True(histogram.GetValueOrDefault(NodeFill) >= (Targets.Length - 1) * nodeArea / 2,
            $"The nodes' fill (#ddf4ff) covers {histogram.GetValueOrDefault(NodeFill)} pixels; {Targets.Length - 1} nodes of {nodeArea} should cover at least half that.");
    }

    [ChromiumFact]
    public async Task The_run_page_of_a_parallel_run_draws_in_Chromium_with_one_bar_per_target_that_ran_coloured_by_status()
    {
        var result = await _driver.RunAsync(new Release(_clock), ["Publish", "--keep-going"]);
        RunAssert.ExitCode(1, result);
        var page = Path.Combine(_driver.Temp, "run.html");

        var dom = await Chromium.DumpDomAsync(page);
        var image = PngImage.Decode(await Chromium.ScreenshotAsync(page, Width, Height));

        var rows = Rows().Matches(dom).Select(m => (Target: m.Groups["target"].Value, Status: m.Groups["status"].Value, Label: m.Groups["label"].Value)).ToList();
        Assert.Equal(Targets.Order(StringComparer.Ordinal), rows.Select(r => r.Target).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(r.Target, r.Label));
        Assert.All(rows, r => Assert.Equal(result.StatusOf(r.Target), r.Status));

        var bars = Bars().Matches(dom).Select(m => (
            Target: m.Groups["target"].Value,
            Status: m.Groups["status"].Value,
            Area: double.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture) * double.Parse(m.Groups["height"].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(["Clone", "Compile", "Docs", "Lint", "Package", "Test"], bars.Select(b => b.Target).Order(StringComparer.Ordinal));
        Assert.All(bars, b => Assert.Equal(result.StatusOf(b.Target).ToLowerInvariant(), b.Status));
        Assert.Equal("Docs", Assert.Single(bars, b => b.Status == "failed").Target);

        AssertIsAPicture(image);
        var histogram = image.Histogram();
        foreach (var (status, colour) in new[] { ("succeeded", 0x2DA44E), ("failed", 0xCF222E) })
        {
            var area = bars.Where(b => b.Status == status).Sum(b => b.Area);
            var drawn = histogram.GetValueOrDefault(colour);
            Assert.True(drawn >= area / 2, $"The {status} colour (#{colour:x6}) covers {drawn} pixels; its bars' area is {area:0}, at least half of which should show it.");
        }
    }

    /// <summary>A screenshot of the window's size that shows something: many colours, and more than a sliver not white.</summary>
    private static void AssertIsAPicture(PngImage image)
    {
        Assert.Equal((Width, Height), (image.Width, image.Height));
        var histogram = image.Histogram();
        var notWhite = Width * Height - histogram.GetValueOrDefault(White);
        Assert.True(histogram.Count >= 16, $"The screenshot holds only {histogram.Count} colours: a blank or failed page.");
        Assert.True(notWhite >= Width * Height / 100, $"Only {notWhite} of {Width * Height} pixels are not white: a blank page.");
    }

    [GeneratedRegex("""<g class="(?<classes>node[^"]*)" data-target="(?<target>[^"]+)">.*?<text[^>]*>(?<label>[^<]*)</text></g>""", RegexOptions.Singleline)]
    private static partial Regex PlanNodes();

    [GeneratedRegex("""<path class="edge (?<kind>needs|after)" data-from="(?<from>[^"]+)" data-to="(?<to>[^"]+)"[ >]""")]
    private static partial Regex Edges();

    [GeneratedRegex("""<g class="row [^"]*" data-target="(?<target>[^"]+)" data-status="(?<status>[^"]+)"><text class="label"[^>]*>(?<label>[^<]*)</text>""")]
    private static partial Regex Rows();

    [GeneratedRegex("""<rect class="bar (?<status>[a-z]+)( critical)?" data-target="(?<target>[^"]+)" x="[^"]*" y="[^"]*" width="(?<width>[^"]+)" height="(?<height>[^"]+)"[ >]""")]
    private static partial Regex Bars();
}
