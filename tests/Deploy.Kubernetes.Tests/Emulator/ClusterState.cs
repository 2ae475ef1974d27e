using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// The emulated API server's storage: objects by kind, namespace and name; one resourceVersion counter for all of
/// them, as etcd has; the history of changes that watches replay from a resourceVersion; and the open watches.
/// Everything happens under one lock, so a watch never misses or reorders a change.
/// </summary>
internal sealed class ClusterState
{
    private readonly Dictionary<(string Kind, string Namespace, string Name), JsonObject> _objects = [];
    private readonly List<StoredEvent> _history = [];
    private readonly List<WatchSubscriber> _watchers = [];
    private long _resourceVersion = 100;

    public object Gate { get; } = new();

    /// <summary>Watches asking for a resourceVersion below this get 410 Gone: their history was compacted away.</summary>
    public long CompactedBelow { get; private set; }

    /// <summary>When set, the next deployment watch ends its response normally after sending this many events.</summary>
    public int? EndNextDeploymentWatchAfter { get; set; }

    /// <summary>How many watches were answered 410 Gone.</summary>
    public int ExpiredWatches { get; private set; }

    public long ResourceVersion
    {
        get
        {
            lock (Gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Raised (under the lock) when a watch opens or closes.</summary>
    public event Action? WatchersChanged;

    public int OpenWatches(params string[] kinds)
    {
        lock (Gate)
        {
            return _watchers.Count(w => kinds.Contains(w.Kind));
        }
    }

    /// <summary>Creates the namespace (Active, as the namespace controller leaves it) unless it exists.</summary>
    public void EnsureNamespace(string name)
    {
        lock (Gate)
        {
            if (Get("namespaces", string.Empty, name) is null)
            {
                var ns = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Namespace",
                    ["metadata"] = new JsonObject { ["name"] = name, ["uid"] = Guid.NewGuid().ToString(), ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name } },
                    ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                    ["status"] = new JsonObject { ["phase"] = "Active" },
                };
                Put("namespaces", ns);
            }
        }
    }

    public JsonObject? Get(string kind, string @namespace, string name)
    {
        lock (Gate)
        {
            return _objects.TryGetValue((kind, @namespace, name), out var found) ? (JsonObject)found.DeepClone() : null;
        }
    }

    public List<JsonObject> List(string kind, string @namespace, Func<JsonObject, bool>? filter = null)
    {
        lock (Gate)
        {
            return [.. _objects.Where(o => o.Key.Kind == kind && o.Key.Namespace == @namespace)
                .Select(o => o.Value)
                .Where(o => filter is null || filter(o))
                .OrderBy(o => (string?)o["metadata"]?["creationTimestamp"], StringComparer.Ordinal)
                .ThenBy(o => (string?)o["metadata"]?["name"], StringComparer.Ordinal)
                .Select(o => (JsonObject)o.DeepClone())];
        }
    }

    public List<JsonObject> ListAll(string kind)
    {
        lock (Gate)
        {
            return [.. _objects.Where(o => o.Key.Kind == kind).Select(o => (JsonObject)o.Value.DeepClone())];
        }
    }

    /// <summary>Stores <paramref name="obj"/> (a copy) with the next resourceVersion and tells the watches.</summary>
    public JsonObject Put(string kind, JsonObject obj)
    {
        lock (Gate)
        {
            var copy = (JsonObject)obj.DeepClone();
            var metadata = copy["metadata"]!.AsObject();
            var key = (kind, (string?)metadata["namespace"] ?? string.Empty, (string)metadata["name"]!);
            var type = _objects.ContainsKey(key) ? "MODIFIED" : "ADDED";
            metadata["resourceVersion"] = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
            metadata["creationTimestamp"] ??= $"2026-01-01T00:00:{_resourceVersion % 60:00}Z";
            _objects[key] = copy;
            Record(new StoredEvent(_resourceVersion, kind, key.Item2, type, copy));
            return (JsonObject)copy.DeepClone();
        }
    }

    public void Delete(string kind, string @namespace, string name)
    {
        lock (Gate)
        {
            if (_objects.Remove((kind, @namespace, name), out var gone))
            {
                var copy = (JsonObject)gone.DeepClone();
                copy["metadata"]!["resourceVersion"] = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
                Record(new StoredEvent(_resourceVersion, kind, @namespace, "DELETED", copy));
            }
        }
    }

    /// <summary>Forgets the history up to now, as etcd compaction does: older resourceVersions get 410 Gone.</summary>
    public void Compact()
    {
        lock (Gate)
        {
            CompactedBelow = _resourceVersion + 1;
            _history.Clear();
        }
    }

    /// <summary>Cuts every open watch connection (the client sees it drop mid-stream).</summary>
    public void DropWatches()
    {
        lock (Gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Drop();
            }
        }
    }

    /// <summary>Opens a watch from <paramref name="resourceVersion"/>: the missed history first, then live changes. Null: too old (410).</summary>
    public WatchSubscriber? Subscribe(string kind, string? @namespace, Func<JsonObject, bool> filter, long resourceVersion)
    {
        lock (Gate)
        {
            if (resourceVersion < CompactedBelow - 1)
            {
                ExpiredWatches++;
                return null;
            }

            var subscriber = new WatchSubscriber(kind, @namespace, filter);
            foreach (var stored in _history.Where(e => e.ResourceVersion > resourceVersion))
            {
                subscriber.Offer(stored);
            }

            _watchers.Add(subscriber);
            WatchersChanged?.Invoke();
            return subscriber;
        }
    }

    public void Unsubscribe(WatchSubscriber subscriber)
    {
        lock (Gate)
        {
            if (_watchers.Remove(subscriber))
            {
                WatchersChanged?.Invoke();
            }
        }
    }

    private void Record(StoredEvent stored)
    {
        _history.Add(stored);
        foreach (var watcher in _watchers)
        {
            watcher.Offer(stored);
        }
    }
}
