using System.Collections.Concurrent;

namespace Deploy.Build.Tests.Support;

/// <summary>Records which targets ran, in order, from any thread.</summary>
public sealed class Journal
{
    private readonly ConcurrentQueue<string> _entries = new();

    public void Add(string entry) => _entries.Enqueue(entry);

    public IReadOnlyList<string> Entries => _entries.ToArray();
}
