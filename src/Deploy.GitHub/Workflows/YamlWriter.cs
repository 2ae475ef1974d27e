using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Deploy.GitHub.Workflows;

/// <summary>A small adapter over YamlDotNet's emitter: block mappings and lists, flow lists, comments, safe scalars.</summary>
internal sealed partial class YamlWriter
{
    private readonly Emitter _emitter;

    public YamlWriter(TextWriter text)
    {
        _emitter = new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, indentSequences: true));
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
    }

    public void Finish()
    {
        _emitter.Emit(new DocumentEnd(isImplicit: true));
        _emitter.Emit(new StreamEnd());
    }

    public YamlWriter BeginMap()
    {
        _emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
        return this;
    }

    public YamlWriter EndMap()
    {
        _emitter.Emit(new MappingEnd());
        return this;
    }

    public YamlWriter BeginList()
    {
        _emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
        return this;
    }

    public YamlWriter EndList()
    {
        _emitter.Emit(new SequenceEnd());
        return this;
    }

    /// <summary>A comment line where the next node goes.</summary>
    public YamlWriter Comment(string text)
    {
        _emitter.Emit(new Comment(text, isInline: false));
        return this;
    }

    public YamlWriter Scalar(string value)
    {
        // Text that YAML would read as something else (true, 10, null, ~) is quoted, so it stays a string.
        var style = LooksTyped().IsMatch(value) ? ScalarStyle.SingleQuoted : ScalarStyle.Any;
        _emitter.Emit(new Scalar(null, null, value, style, isPlainImplicit: true, isQuotedImplicit: true));
        return this;
    }

    /// <summary>A key, plain as GitHub writes them (<c>on:</c>, not <c>'on':</c>).</summary>
    public YamlWriter Key(string key)
    {
        _emitter.Emit(new Scalar(null, null, key, ScalarStyle.Any, isPlainImplicit: true, isQuotedImplicit: true));
        return this;
    }

    /// <summary>A YAML boolean (plain <c>true</c>/<c>false</c>), where GitHub wants one.</summary>
    public YamlWriter Pair(string key, bool value)
    {
        Key(key);
        _emitter.Emit(new Scalar(null, null, value ? "true" : "false", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
        return this;
    }

    public YamlWriter Pair(string key, string value) => Key(key).Scalar(value);

    /// <summary>A multi-line text as a literal block (<c>run: |</c>), so a script reads as it runs.</summary>
    public YamlWriter Literal(string key, string value)
    {
        Key(key);
        _emitter.Emit(new Scalar(null, null, value, ScalarStyle.Literal, isPlainImplicit: false, isQuotedImplicit: true));
        return this;
    }

    public YamlWriter FlowList(string key, IEnumerable<string> values)
    {
        Key(key);
        _emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Flow));
        foreach (var value in values)
        {
            Scalar(value);
        }

        _emitter.Emit(new SequenceEnd());
        return this;
    }

    [GeneratedRegex(@"^(?:true|false|yes|no|y|n|on|off|null|~|[-+]?[0-9][0-9_.:eE+-]*|\.inf|\.nan|)$", RegexOptions.IgnoreCase)]
    private static partial Regex LooksTyped();
}
