using YamlDotNet.RepresentationModel;

namespace Deploy.GitHub.Tests.Support;

/// <summary>A generated workflow, parsed with YamlDotNet, with the accessors the tests need.</summary>
internal sealed class WorkflowFile
{
    public WorkflowFile(string text)
    {
        Text = text;
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Root = (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public YamlMappingNode Map(params string[] path)
    {
        YamlNode node = Root;
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        }

        return (YamlMappingNode)node;
    }

    public IReadOnlyList<string> JobIds => Map("jobs").Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    public YamlMappingNode Job(string id) => Map("jobs", id);

    public IReadOnlyList<string> Needs(string id) =>
        Job(id).Children.TryGetValue(new YamlScalarNode("needs"), out var needs) ? ((YamlSequenceNode)needs).Select(n => ((YamlScalarNode)n).Value!).ToList() : [];

    /// <summary>The build step's command line.</summary>
    public string Run(string id) => Step(id, "build")["run"].ToString();

    /// <summary>A job's step by its id, or by its name.</summary>
    public YamlMappingNode Step(string job, string idOrName) => Steps(job).Single(s =>
        (s.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id.ToString() == idOrName)
        || (s.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name.ToString() == idOrName));

    public IReadOnlyList<YamlMappingNode> Steps(string job) => [.. ((YamlSequenceNode)Job(job)["steps"]).OfType<YamlMappingNode>()];

    public static string Scalar(YamlMappingNode map, string key) => ((YamlScalarNode)map[key]).Value!;

    /// <summary>Every scalar in the document, keys included.</summary>
    public IEnumerable<string> Scalars()
    {
        var work = new Stack<YamlNode>([Root]);
        while (work.Count > 0)
        {
            switch (work.Pop())
            {
                case YamlScalarNode scalar:
                    yield return scalar.Value ?? "";
                    break;
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        work.Push(key);
                        work.Push(value);
                    }

                    break;
                case YamlSequenceNode sequence:
                    foreach (var item in sequence)
                    {
                        work.Push(item);
                    }

                    break;
            }
        }
    }
}
