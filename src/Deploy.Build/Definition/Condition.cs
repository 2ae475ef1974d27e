namespace Deploy.Build.Definition;

/// <summary>A condition and the source text it was written as (the skip reason).</summary>
internal sealed record Condition(Func<bool> Evaluate, string Text)
{
    /// <summary>"() => Channel != null" reads better as "Channel != null".</summary>
    public static string Describe(string? sourceText)
    {
        if (string.IsNullOrWhiteSpace(sourceText))
        {
            return "condition";
        }

        var text = string.Join(' ', sourceText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.StartsWith("() =>", StringComparison.Ordinal) ? text["() =>".Length..].Trim() : text;
    }
}

/// <summary>A value that must be present (or true) for a planned target.</summary>
internal sealed record Requirement(Func<object?> Evaluate, string Text);
