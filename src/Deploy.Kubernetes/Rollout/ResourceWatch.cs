using System.Net;
using System.Runtime.ExceptionServices;
using Deploy.Build.Retries;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Serilog;
using Serilog.Events;

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
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
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

            while (true)
            {
                WatchEnd end;
                try
                {
                    // Failures in a row (no event in between) are retried; the first at once, as a dropped connection
                    // is usually just that, then with back-off.
                    var retry = new RetryOptions($"watch {_what} from resourceVersion {resourceVersion}", MaxConsecutiveFailures - 1, FirstBackoff, IsFailure, _time, _log)
                    {
                        FirstRetryAtOnce = true,
                        MaxDelay = MaxBackoff,
                        Level = LogEventLevel.Debug,
                    };
                    end = await Retry.RunAsync(
                        retry,
                        async token =>
                        {
                            var (watchEnd, lastVersion) = await WatchOnceAsync(resourceVersion, onEvent, token).ConfigureAwait(false);
                            resourceVersion = lastVersion;
                            return watchEnd;
                        },
                        cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsFailure(exception))
                {
                    throw _explain($"watch {_what}", exception);
                }

                if (end == WatchEnd.Expired)
                {
                    // The events since our resourceVersion were compacted away: only a fresh list tells what is current.
                    _log.Debug("The {What:l} watch's resourceVersion {ResourceVersion:l} expired (410 Gone); listing again", _what, resourceVersion);
                    break;
                }

                if (end == WatchEnd.Ended)
                {
                    _log.Debug("The {What:l} watch ended at resourceVersion {ResourceVersion:l}; resuming", _what, resourceVersion);
                }
            }
        }
    }

    private static bool IsFailure(Exception exception) => exception is HttpRequestException or IOException or HttpOperationException or KubernetesException;

    /// <summary>
    /// One watch connection from <paramref name="resourceVersion"/>: how it ended, and the last resourceVersion it saw.
    /// A failure after events is resumed at once (it is not one in a row); one before any is thrown, to be retried.
    /// </summary>
    private async Task<(WatchEnd End, string ResourceVersion)> WatchOnceAsync(string resourceVersion, Func<WatchEventType, T, ValueTask> onEvent, CancellationToken cancellationToken)
    {
        Exception? serverError = null;
        var delivered = false;
        try
        {
            await foreach (var (type, obj) in _watch(resourceVersion, e => serverError ??= e, cancellationToken).ConfigureAwait(false))
            {
                delivered = true;
                resourceVersion = obj.Metadata?.ResourceVersion ?? resourceVersion;
                if (type != WatchEventType.Bookmark)
                {
                    await onEvent(type, obj).ConfigureAwait(false);
                }
            }
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Gone)
        {
            return (WatchEnd.Expired, resourceVersion);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is HttpRequestException or IOException or HttpOperationException)
        {
            serverError = exception;
        }

        if (serverError is KubernetesException { Status.Code: 410 })
        {
            return (WatchEnd.Expired, resourceVersion);
        }

        if (serverError is not null)
        {
            _log.Debug("The {What:l} watch failed at resourceVersion {ResourceVersion:l} ({Error:l}); resuming", _what, resourceVersion, serverError.Message);
            if (!delivered)
            {
                ExceptionDispatchInfo.Throw(serverError);
            }

            return (WatchEnd.Failed, resourceVersion);
        }

        return (WatchEnd.Ended, resourceVersion);
    }

    private enum WatchEnd
    {
        /// <summary>The server closed it (watches time out): resume from the last resourceVersion.</summary>
        Ended,

        /// <summary>It broke after delivering events: resume at once, it is not a failure in a row.</summary>
        Failed,

        /// <summary>410 Gone: list again.</summary>
        Expired,
    }
}
