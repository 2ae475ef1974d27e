using Serilog.Core;
using Serilog.Events;

namespace Deploy.Build.Logging;

/// <summary>
/// Which target the current code runs for: flows with async calls (an <see cref="AsyncLocal{T}"/> owned by
/// the run, not a static), and stamps every log event with it.
/// </summary>
internal sealed class TargetScope : ILogEventEnricher
{
    /// <summary>
    /// A name no message template can produce (in <c>{Deploy:Target}</c> the ':' starts a format), so a user's
    /// <c>Log.Information("… {Target} …", x)</c> cannot take the line's target over.
    /// </summary>
    public const string PropertyName = "Deploy:Target";
    private readonly AsyncLocal<string?> _current = new();

    public string? Current
    {
        get => _current.Value;
        set => _current.Value = value;
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (_current.Value is { } target)
        {
            logEvent.AddPropertyIfAbsent(new LogEventProperty(PropertyName, new ScalarValue(target)));
        }
    }
}
