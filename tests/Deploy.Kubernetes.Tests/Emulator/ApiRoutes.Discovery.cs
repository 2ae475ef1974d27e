using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// Discovery, the legacy (non-aggregated) documents every client falls back to: <c>/api</c> (APIVersions),
/// <c>/apis</c> (APIGroupList), <c>/api/v1</c> and <c>/apis/apps/v1</c> (APIResourceList), and <c>/version</c>.
/// </summary>
internal sealed partial class ApiRoutes
{
    private static readonly JsonArray Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["namespaces"] = "ns",
        ["configmaps"] = "cm",
        ["services"] = "svc",
        ["serviceaccounts"] = "sa",
        ["pods"] = "po",
        ["deployments"] = "deploy",
        ["replicasets"] = "rs",
        ["statefulsets"] = "sts",
        ["daemonsets"] = "ds",
    };

    private static void MapDiscovery(WebApplication app)
    {
        app.MapGet("/version", () => Json(new JsonObject
        {
            ["major"] = "1",
            ["minor"] = "32",
            ["gitVersion"] = "v1.32.0-emulator",
            ["platform"] = "linux/amd64",
        }));
        app.MapGet("/api", (HttpContext context) => Json(new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = context.Request.Host.Value }),
        }));
        app.MapGet("/apis", () =>
        {
            var groups = new JsonArray();
            foreach (var group in EmulatedResource.All.Where(r => r.Group.Length > 0).GroupBy(r => r.Group))
            {
                var version = new JsonObject { ["groupVersion"] = group.First().GroupVersion, ["version"] = group.First().Version };
                groups.Add(new JsonObject { ["name"] = group.Key, ["versions"] = new JsonArray(version.DeepClone()), ["preferredVersion"] = version });
            }

            return Json(new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups });
        });
        app.MapGet("/openapi/{**path}", () => Json(Objects.Status(404, "NotFound", "the server could not find the requested resource"), 404));
    }

    private static Task WriteDiscoveryAsync(HttpContext context, ApiPath path)
    {
        var served = EmulatedResource.All.Where(r => r.Group == path.Group && r.Version == path.Version).ToList();
        if (served.Count == 0)
        {
            return WriteAsync(context, Objects.Status(404, "NotFound", "the server could not find the requested resource"), 404);
        }

        var resources = new JsonArray();
        foreach (var resource in served)
        {
            var entry = new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Singular,
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = Verbs.DeepClone(),
            };
            if (ShortNames.TryGetValue(resource.Plural, out var shortName))
            {
                entry["shortNames"] = new JsonArray(shortName);
            }

            resources.Add(entry);
            if (resource.IsWorkload)
            {
                resources.Add(new JsonObject { ["name"] = resource.Plural + "/status", ["singularName"] = string.Empty, ["namespaced"] = true, ["kind"] = resource.Kind, ["verbs"] = new JsonArray("get", "patch", "update") });
            }
        }

        return WriteAsync(context, new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = served[0].GroupVersion, ["resources"] = resources }, 200);
    }

    private static IResult Json(JsonObject body, int status = 200) =>
        Results.Text(body.ToJsonString(), "application/json", statusCode: status);
}
