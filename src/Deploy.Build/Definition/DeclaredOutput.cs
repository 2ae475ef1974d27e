using System.Text.Json;

namespace Deploy.Build.Definition;

/// <summary>
/// What a target declared with <see cref="ITargetDefinition.Outputs{T}"/> or <see cref="ITargetDefinition.Outputs(Func{IEnumerable{string}})"/>:
/// typed state, kept as JSON, and paths that must still exist. The generic type lives in the closures, so the
/// engine and the store deal in JSON only.
/// </summary>
internal sealed class DeclaredOutput
{
    private readonly Func<JsonSerializerOptions, (JsonElement? State, IEnumerable<string> Paths)> _capture;
    private readonly Func<JsonElement, JsonSerializerOptions, object>? _read;
    private readonly Action<object>? _apply;

    private DeclaredOutput(
        string? stateType,
        Func<JsonSerializerOptions, (JsonElement? State, IEnumerable<string> Paths)> capture,
        Func<JsonElement, JsonSerializerOptions, object>? read,
        Action<object>? apply)
    {
        StateType = stateType;
        _capture = capture;
        _read = read;
        _apply = apply;
    }

    /// <summary>The state's type (its full name, checked against a stored value), or null when only paths were declared.</summary>
    public string? StateType { get; }

    public static DeclaredOutput ForState<T>(Func<T?> state, Action<T> restore, Func<T, IEnumerable<string>>? paths)
        where T : class => new(
            typeof(T).FullName ?? typeof(T).Name,
            options => state() is { } value
                ? (JsonSerializer.SerializeToElement(value, options), paths?.Invoke(value) ?? [])
                : (null, []),
            (json, options) => json.Deserialize<T>(options) ?? throw new JsonException($"The stored {typeof(T).Name} is null."),
            value => restore((T)value));

    public static DeclaredOutput ForPaths(Func<IEnumerable<string>> paths) => new(null, _ => (null, paths()), null, null);

    /// <summary>Reads the state (as JSON; null when there is none) and the paths, after the target succeeded.</summary>
    public (JsonElement? State, IEnumerable<string> Paths) Capture(JsonSerializerOptions options) => _capture(options);

    /// <summary>Turns a stored value back into the declared type; throws <see cref="JsonException"/> when it does not fit.</summary>
    public object Read(JsonElement state, JsonSerializerOptions options) =>
        _read is null ? throw new InvalidOperationException("Paths have no state to read.") : _read(state, options);

    /// <summary>Hands a value <see cref="Read"/> returned to the target's restore action.</summary>
    public void Apply(object value) => (_apply ?? throw new InvalidOperationException("Paths have no state to restore."))(value);
}
