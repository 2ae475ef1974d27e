using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// The discovery documents kubectl reads before a request (<c>/api</c>, <c>/apis</c> and the group versions), in
/// their unaggregated form (kubectl falls back to it when the server does not answer aggregated discovery): just the
/// resources the emulator serves, so that kubectl can be pointed at the emulator and both clients be checked alike.
/// </summary>
internal static class Discovery
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api", () => Json(new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(),
        }));
        app.MapGet("/apis", () => Json(new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray(new JsonObject
            {
                ["name"] = "apps",
                ["versions"] = new JsonArray(GroupVersion()),
                ["preferredVersion"] = GroupVersion(),
            }),
        }));
        app.MapGet("/api/v1", () => Resources("v1", Resource("pods", "pod", "Pod", "po")));
        app.MapGet("/apis/apps/v1", () => Resources("apps/v1", Resource("deployments", "deployment", "Deployment", "deploy"), Resource("replicasets", "replicaset", "ReplicaSet", "rs")));
    }

    private static JsonObject GroupVersion() => new() { ["groupVersion"] = "apps/v1", ["version"] = "v1" };

    private static IResult Resources(string groupVersion, params JsonObject[] resources) => Json(new JsonObject
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = groupVersion,
        ["resources"] = new JsonArray([.. resources]),
    });

    private static JsonObject Resource(string name, string singular, string kind, string shortName) => new()
    {
        ["name"] = name,
        ["singularName"] = singular,
        ["namespaced"] = true,
        ["kind"] = kind,
        ["verbs"] = new JsonArray("get", "list", "watch", "patch"),
        ["shortNames"] = new JsonArray(shortName),
    };

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");
}
