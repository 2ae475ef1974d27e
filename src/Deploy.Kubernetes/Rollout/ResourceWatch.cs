using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// List, then watch from the list's resourceVersion, like client-go's reflector: when the watch connection ends or
/// drops it resumes from the last resourceVersion it saw; when the server says that version is gone (410 Gone,
/// "too old resource version") it lists again. Listed objects are reported as <see cref="WatchEventType.Added"/>.
/// </summary>
internal sealed class ResourceWatch<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private const int MaxConsecutiveFailures = 5;
    private readonly string _what;
    private readonly Func<CancellationToken, Task<(IList<T> Items, string ResourceVersion)>> _list;
    private readonly Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> _watch;
    private readonly Func<string, Exception, Exception> _explain;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public ResourceWatch(
        string what,
        Func<CancellationToken, Task<(IList<T> Items, string ResourceVersion)>> list,
        Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> watch,
        Func<string, Exception, Exception> explain,
        TimeProvider time,
        ILogger log)
    {
        _what = what;
        _list = list;
        _watch = watch;
        _explain = explain;
        _time = time;
        _log = log;
    }

    /// <summary>Reports every object and change to <paramref name="onEvent"/> until cancelled or it throws.</summary>
    public async Task RunAsync(Func<WatchEventType, T, ValueTask> onEvent, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (items, resourceVersion) = await _list(cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                await onEvent(WatchEventType.Added, item).ConfigureAwait(false);
            }

            var failures = 0;
            while (true)
            {
                Exception? serverError = null;
                var expired = false;
                try
                {
                    await foreach (var (type, obj) in _watch(resourceVersion, e => serverError ??= e, cancellationToken).ConfigureAwait(false))
                    {
                        failures = 0;
                        resourceVersion = obj.Metadata?.ResourceVersion ?? resourceVersion;
                        if (type != WatchEventType.Bookmark)
                        {
                            await onEvent(type, obj).ConfigureAwait(false);
                        }
                    }
                }
                catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Gone)
                {
                    expired = true;
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is HttpRequestException or IOException or HttpOperationException)
                {
                    serverError = exception;
                }

                expired |= serverError is KubernetesException { Status.Code: 410 };
                if (expired)
                {
                    // The events since our resourceVersion were compacted away: only a fresh list tells what is current.
                    _log.Debug("The {What:l} watch's resourceVersion {ResourceVersion:l} expired (410 Gone); listing again", _what, resourceVersion);
                    break;
                }

                if (serverError is null)
                {
                    _log.Debug("The {What:l} watch ended at resourceVersion {ResourceVersion:l}; resuming", _what, resourceVersion);
                    continue;
                }

                if (++failures >= MaxConsecutiveFailures)
                {
                    throw _explain($"watch {_what}", serverError);
                }

                _log.Debug("The {What:l} watch failed at resourceVersion {ResourceVersion:l} ({Error:l}); resuming", _what, resourceVersion, serverError.Message);

                // The first resume is immediate (a dropped connection is usually just that); repeated failures back off.
                if (failures > 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << failures)), _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
