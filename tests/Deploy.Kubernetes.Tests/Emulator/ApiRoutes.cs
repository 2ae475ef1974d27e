using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// The API paths a rollout uses: get and patch one deployment, and list or watch deployments (by field selector),
/// replica sets and pods (by label selector). Errors are Status objects with the code, as the API server sends.
/// </summary>
internal sealed class ApiRoutes(ClusterState state, Action<ApiRequest> record, Action changed)
{
    public void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            record(new ApiRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? string.Empty, context.Request.ContentType)
            {
                Authorization = context.Request.Headers.Authorization.Count == 0 ? null : context.Request.Headers.Authorization.ToString(),
            });
            await next(context);
        });
        app.MapGet("/apis/apps/v1/namespaces/{ns}/deployments/{name}", (string ns, string name) => Get("deployments", ns, name));
        app.MapMethods("/apis/apps/v1/namespaces/{ns}/deployments/{name}", ["PATCH"], PatchAsync);
        app.MapGet("/apis/apps/v1/namespaces/{ns}/deployments", (HttpContext context, string ns) => ListOrWatchAsync(context, "deployments", "DeploymentList", ns));
        app.MapGet("/apis/apps/v1/namespaces/{ns}/replicasets", (HttpContext context, string ns) => ListOrWatchAsync(context, "replicasets", "ReplicaSetList", ns));
        app.MapGet("/api/v1/namespaces/{ns}/pods", (HttpContext context, string ns) => ListOrWatchAsync(context, "pods", "PodList", ns));
        Discovery.Map(app);
    }

    private IResult Get(string kind, string ns, string name) =>
        state.Get(kind, ns, name) is { } found ? Json(found) : NotFound(kind, name);

    private async Task<IResult> PatchAsync(HttpContext context, string ns, string name)
    {
        var patch = await JsonNode.ParseAsync(context.Request.Body);
        lock (state.Gate)
        {
            if (state.Get("deployments", ns, name) is not { } deployment)
            {
                return NotFound("deployments", name);
            }

            var spec = deployment["spec"]!.DeepClone();
            switch (context.Request.ContentType?.Split(';')[0].Trim())
            {
                case "application/strategic-merge-patch+json" or "application/merge-patch+json":
                    Patches.StrategicMerge(deployment, patch!.AsObject());
                    break;
                case "application/json-patch+json":
                    Patches.Json(deployment, patch!.AsArray());
                    break;
                default:
                    return Json(Objects.Status(415, "UnsupportedMediaType", $"the body of the request was in an unknown format: {context.Request.ContentType}"), 415);
            }

            // Only a change of the spec makes a new generation; metadata (annotations) does not.
            if (!JsonNode.DeepEquals(spec, deployment["spec"]))
            {
                deployment["metadata"]!["generation"] = Objects.Generation(deployment) + 1;
            }

            var stored = state.Put("deployments", deployment);
            changed();
            return Json(stored);
        }
    }

    private async Task<IResult> ListOrWatchAsync(HttpContext context, string kind, string listKind, string ns)
    {
        var query = context.Request.Query;
        var filter = Filter(query["fieldSelector"], query["labelSelector"]);
        if (query["watch"] != "true")
        {
            lock (state.Gate)
            {
                return Json(new JsonObject
                {
                    ["apiVersion"] = kind == "pods" ? "v1" : "apps/v1",
                    ["kind"] = listKind,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = state.ResourceVersion.ToString(CultureInfo.InvariantCulture) },
                    ["items"] = new JsonArray([.. state.List(kind, ns, filter)]),
                });
            }
        }

        await WatchAsync(context, kind, ns, filter, long.Parse(query["resourceVersion"].FirstOrDefault() ?? "0", CultureInfo.InvariantCulture));
        return Results.Empty;
    }

    private async Task WatchAsync(HttpContext context, string kind, string ns, Func<JsonObject, bool> filter, long resourceVersion)
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

    private static IResult NotFound(string kind, string name) =>
        Json(Objects.Status(404, "NotFound", $"{kind}{(kind == "pods" ? string.Empty : ".apps")} \"{name}\" not found"), 404);

    private static IResult Json(JsonObject body, int status = 200) =>
        Results.Text(body.ToJsonString(), "application/json", statusCode: status);
}
