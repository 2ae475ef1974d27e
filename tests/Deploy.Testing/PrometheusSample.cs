namespace Deploy.Testing;

/// <summary>One sample of a scrape: <c>name{labels} value</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The label's value, or null when the sample does not have it.</summary>
    public string? this[string label] => Labels.TryGetValue(label, out var value) ? value : null;

    /// <summary>Labels as <c>a="1",b="2"</c> in name order, to compare whole label sets.</summary>
    public string LabelText => string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""));

    public override string ToString() => $"{Name}{{{LabelText}}} {Value}";
}
