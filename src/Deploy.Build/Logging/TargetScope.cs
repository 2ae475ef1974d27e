using Serilog.Core;
using Serilog.Events;

namespace Deploy.Build.Logging;

/// <summary>
/// Which target the current code runs for: flows with async calls (an <see cref="AsyncLocal{T}"/> owned by
/// the run, not a static), and stamps every log event with it.
/// </summary>
internal sealed class TargetScope : ILogEventEnricher
{
    public const string PropertyName = "Target";
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
