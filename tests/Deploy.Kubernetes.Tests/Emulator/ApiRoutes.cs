using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// The API over HTTP for the <see cref="EmulatedResource"/> kinds: discovery, get, list and watch (field selector
/// <c>metadata.name</c>, equality label selectors), create, patch (server-side apply, strategic merge, JSON merge and
/// JSON patch, each with <c>dryRun=All</c>) and delete. Errors are Status objects with the code, as the API server sends.
/// </summary>
internal sealed partial class ApiRoutes(ClusterState state, Action<ApiRequest> record, Action changed)
{
    public void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var body = string.Empty;
            if (context.Request.Method is "POST" or "PATCH" or "PUT")
            {
                context.Request.EnableBuffering();
                using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
                body = await reader.ReadToEndAsync();
                context.Request.Body.Position = 0;
            }

            record(new ApiRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? string.Empty, context.Request.ContentType, body)
            {
                Authorization = context.Request.Headers.Authorization.Count == 0 ? null : context.Request.Headers.Authorization.ToString(),
            });
            await next(context);
        });
        MapDiscovery(app);
        app.Map("/api/{**path}", HandleAsync);
        app.Map("/apis/{**path}", HandleAsync);
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (ApiPath.Parse(context.Request.Path) is not { } path)
        {
            await WriteAsync(context, Objects.Status(404, "NotFound", "the server could not find the requested resource"), 404);
            return;
        }

        if (path.Plural is null)
        {
            await WriteDiscoveryAsync(context, path);
            return;
        }

        if (EmulatedResource.Find(path.Group, path.Version, path.Plural) is not { } resource || path.Subresource is not null || (resource.Namespaced != (path.Namespace is not null) && path.Name is not null))
        {
            await WriteAsync(context, Objects.Status(404, "NotFound", "the server could not find the requested resource"), 404);
            return;
        }

        var ns = path.Namespace ?? string.Empty;
        switch (context.Request.Method, path.Name)
        {
            case ("GET", null):
                await ListOrWatchAsync(context, resource, path.Namespace);
                break;
            case ("GET", { } name):
                await WriteAsync(context, state.Get(resource.Plural, ns, name) is { } found ? (found, 200) : NotFound(resource, name));
                break;
            case ("POST", null):
                await WriteAsync(context, await CreateAsync(context, resource, ns));
                break;
            case ("PATCH", { } name):
                await WriteAsync(context, await PatchAsync(context, resource, ns, name));
                break;
            case ("DELETE", { } name):
                await WriteAsync(context, Delete(resource, ns, name));
                break;
            default:
                await WriteAsync(context, Objects.Status(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource"), 405);
                break;
        }
    }

    private async Task ListOrWatchAsync(HttpContext context, EmulatedResource resource, string? ns)
    {
        var query = context.Request.Query;
        var filter = Filter(query["fieldSelector"], query["labelSelector"]);
        if (query["watch"] != "true")
        {
            JsonObject list;
            lock (state.Gate)
            {
                list = new JsonObject
                {
                    ["apiVersion"] = resource.GroupVersion,
                    ["kind"] = resource.Kind + "List",
                    ["metadata"] = new JsonObject { ["resourceVersion"] = state.ResourceVersion.ToString(CultureInfo.InvariantCulture) },
                    ["items"] = new JsonArray([.. ns is null ? state.ListAll(resource.Plural).Where(filter) : state.List(resource.Plural, ns, filter)]),
                };
            }

            await WriteAsync(context, list, 200);
            return;
        }

        await WatchAsync(context, resource.Plural, ns, filter, long.Parse(query["resourceVersion"].FirstOrDefault() is { Length: > 0 } version ? version : "0", CultureInfo.InvariantCulture));
    }

    private async Task WatchAsync(HttpContext context, string kind, string? ns, Func<JsonObject, bool> filter, long resourceVersion)
    {
        context.Response.ContentType = "application/json";
        var subscriber = state.Subscribe(kind, ns, filter, resourceVersion);
        if (subscriber is null)
        {
            // What the API server does for a resourceVersion older than its history: a 200 whose only event is an ERROR.
            var expired = Objects.Status(410, "Expired", $"too old resource version: {resourceVersion} ({state.CompactedBelow - 1})");
            await context.Response.WriteAsync(new JsonObject { ["type"] = "ERROR", ["object"] = expired }.ToJsonString() + "\n");
            return;
        }

        await context.Response.Body.FlushAsync(context.RequestAborted);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, subscriber.Dropped);
        try
        {
            changed();
            var limit = kind == "deployments" ? state.EndNextDeploymentWatchAfter : null;
            var sent = 0;
            await foreach (var stored in subscriber.Events.Reader.ReadAllAsync(stop.Token))
            {
                var line = new JsonObject { ["type"] = stored.Type, ["object"] = stored.Object.DeepClone() }.ToJsonString() + "\n";
                await context.Response.WriteAsync(line, stop.Token);
                await context.Response.Body.FlushAsync(stop.Token);
                if (++sent == limit)
                {
                    // The connection ends cleanly mid-rollout, as when a proxy or the API server closes a long watch.
                    state.EndNextDeploymentWatchAfter = null;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (subscriber.Dropped.IsCancellationRequested)
        {
            // A dropped connection, as a broken proxy or a restarted API server would leave it.
            context.Abort();
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            state.Unsubscribe(subscriber);
            subscriber.Dispose();
        }
    }

    private static Func<JsonObject, bool> Filter(string? fieldSelector, string? labelSelector)
    {
        var name = fieldSelector is { Length: > 0 } && fieldSelector.StartsWith("metadata.name=", StringComparison.Ordinal) ? fieldSelector["metadata.name=".Length..] : null;
        return obj => (name is null || Objects.Name(obj) == name) && Objects.Matches(labelSelector, Objects.Labels(obj));
    }

    private static (JsonObject, int) NotFound(EmulatedResource resource, string name) =>
        (Objects.Status(404, "NotFound", $"{resource.Qualified} \"{name}\" not found", new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural }), 404);

    private static Task WriteAsync(HttpContext context, (JsonObject Body, int Code) answer) => WriteAsync(context, answer.Body, answer.Code);

    private static async Task WriteAsync(HttpContext context, JsonObject body, int code)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
