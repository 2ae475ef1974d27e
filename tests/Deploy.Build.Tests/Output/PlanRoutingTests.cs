using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Deploy.Build.Tests.Output;

/// <summary>The plan page's arrows run around the boxes, not through them.</summary>
public sealed partial class PlanRoutingTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Long arrows: Lint, Docs and Audit each skip columns whose first row is taken; Wide fills a column three deep.</summary>
    private sealed class Wide : DeployBuild
    {
        private readonly string _source = "the repository";

        Target Clone => _ => _.Description($"Clone {_source}").Executes(() => { });
        Target Compile => _ => _.DependsOn(Clone).Executes(() => { });
        Target Lint => _ => _.DependsOn(Clone).Executes(() => { });
        Target Docs => _ => _.DependsOn(Clone).Executes(() => { });
        Target Audit => _ => _.Description($"Audit {_source}").Executes(() => { });
        Target Test => _ => _.DependsOn(Compile).Executes(() => { });
        Target Unit => _ => _.DependsOn(Compile).Executes(() => { });
        Target Smoke => _ => _.DependsOn(Compile).Executes(() => { });
        Target Package => _ => _.DependsOn(Test, Unit, Smoke, Lint).Executes(() => { });
        Target Publish => _ => _.DependsOn(Package, Docs, Audit).Executes(() => { });
    }

    [Fact]
    public async Task No_arrow_of_the_plan_page_passes_through_a_box_other_than_its_own_two()
    {
        using var driver = new BuildDriver();
        var result = await driver.RunAsync(new Wide(), ["Publish", "--plan"]);
        Assert.Equal(0, result.ExitCode);

        XDocument page;
        using (var reader = XmlReader.Create(Path.Combine(driver.Temp, "execution-plan.html"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }))
        {
            page = XDocument.Load(reader);
        }

        var boxes = page.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class") ?? "").StartsWith("node", StringComparison.Ordinal))
            .ToDictionary(g => (string)g.Attribute("data-target")!, g =>
            {
                var rect = g.Element(Svg + "rect")!;
                return (X: D(rect, "x"), Y: D(rect, "y"), Width: D(rect, "width"), Height: D(rect, "height"));
            });
        var edges = page.Descendants(Svg + "path").Where(p => ((string?)p.Attribute("class") ?? "").StartsWith("edge", StringComparison.Ordinal)).ToList();
        Assert.Equal(13, edges.Count);

        foreach (var edge in edges)
        {
            var (from, to) = ((string)edge.Attribute("data-from")!, (string)edge.Attribute("data-to")!);
            foreach (var (x, y) in Points((string)edge.Attribute("d")!))
            {
                foreach (var (name, box) in boxes.Where(b => b.Key != from && b.Key != to))
                {
                    Assert.False(x > box.X && x < box.X + box.Width && y > box.Y && y < box.Y + box.Height,
                        $"The arrow {from} -> {to} passes through {name} at ({x:0.#}, {y:0.#}): {edge.Attribute("d")}");
                }
            }
        }
    }

    private static double D(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>Points along an SVG path of M, L and C commands (absolute), 50 per segment.</summary>
    private static IEnumerable<(double X, double Y)> Points(string d)
    {
        var current = (X: 0.0, Y: 0.0);
        foreach (Match command in Commands().Matches(d))
        {
            var n = Numbers().Matches(command.Groups["args"].Value).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
            switch (command.Groups["op"].Value)
            {
                case "M":
                    current = (n[0], n[1]);
                    break;
                case "L":
                    for (var t = 0.0; t <= 1; t += 0.02)
                    {
                        yield return (current.X + (n[0] - current.X) * t, current.Y + (n[1] - current.Y) * t);
                    }

                    current = (n[0], n[1]);
                    break;
                case "C":
                    for (var t = 0.0; t <= 1; t += 0.02)
                    {
                        var u = 1 - t;
                        yield return (
                            u * u * u * current.X + 3 * u * u * t * n[0] + 3 * u * t * t * n[2] + t * t * t * n[4],
                            u * u * u * current.Y + 3 * u * u * t * n[1] + 3 * u * t * t * n[3] + t * t * t * n[5]);
                    }

                    current = (n[4], n[5]);
                    break;
                default:
                    throw new FormatException($"Unexpected path command in '{d}'.");
            }
        }
    }

    [GeneratedRegex(@"(?<op>[A-Za-z])(?<args>[^A-Za-z]*)")]
    private static partial Regex Commands();

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Numbers();
}
