using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>One open watch: the events for it, in order, and a way to cut its connection.</summary>
internal sealed class WatchSubscriber(string kind, string? @namespace, Func<JsonObject, bool> filter) : IDisposable
{
    private readonly CancellationTokenSource _dropped = new();

    public string Kind { get; } = kind;

    public Channel<StoredEvent> Events { get; } = Channel.CreateUnbounded<StoredEvent>();

    public CancellationToken Dropped => _dropped.Token;

    public void Offer(StoredEvent stored)
    {
        if (stored.Kind == Kind && (@namespace is null || stored.Namespace == @namespace) && filter(stored.Object))
        {
            Events.Writer.TryWrite(stored);
        }
    }

    public void Drop() => _dropped.Cancel();

    public void Dispose() => _dropped.Dispose();
}
