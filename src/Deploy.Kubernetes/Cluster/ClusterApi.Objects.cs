using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;

namespace Deploy.Kubernetes.Cluster;

/// <summary>Calls on objects of any kind, by path: discovery, read, server-side apply, delete.</summary>
internal sealed partial class ClusterApi
{
    /// <summary>The field manager of everything Deploy writes (kubectl's is "kubectl").</summary>
    public const string FieldManager = "deploy";

    /// <summary>The kinds <paramref name="groupVersion"/> serves; null when the server does not serve that apiVersion.</summary>
    public Task<IReadOnlyList<ApiResource>?> DiscoverAsync(string groupVersion, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<ApiResource>?>($"discover the kinds of {groupVersion}", async () =>
        {
            JsonNode? list;
            try
            {
                var path = groupVersion.Contains('/', StringComparison.Ordinal) ? $"apis/{groupVersion}" : $"api/{groupVersion}";
                list = await _client.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            return [.. (list?["resources"]?.AsArray() ?? [])
                .OfType<JsonObject>()
                .Where(r => (string?)r["name"] is { } name && !name.Contains('/', StringComparison.Ordinal))
                .Select(r => new ApiResource(groupVersion, (string)r["name"]!, (string?)r["kind"] ?? string.Empty, r["namespaced"]?.GetValue<bool>() == true))];
        });

    /// <summary>The live object; null when it does not exist.</summary>
    public Task<JsonObject?> GetAsync(ApiResource resource, string? @namespace, string name, CancellationToken cancellationToken) =>
        CallAsync($"read {resource.Display} \"{name}\"", async () =>
        {
            try
            {
                return (await _client.SendAsync(HttpMethod.Get, resource.PathOf(@namespace, name), null, null, cancellationToken).ConfigureAwait(false)) as JsonObject;
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    /// <summary>
    /// Server-side apply (kubernetes.io/docs/reference/using-api/server-side-apply): the object as the manager's whole
    /// intent, field manager <see cref="FieldManager"/>. A 409 (field conflicts) and a 4xx rejection stay
    /// <see cref="HttpOperationException"/>s, for the caller to explain per object.
    /// </summary>
    public async Task<JsonObject> ApplyAsync(ApiResource resource, string? @namespace, string name, JsonObject body, bool dryRun, bool force, CancellationToken cancellationToken)
    {
        var query = $"?fieldManager={FieldManager}&fieldValidation=Strict&force={(force ? "true" : "false")}{(dryRun ? "&dryRun=All" : "")}";
        try
        {
            return (JsonObject)(await _client.SendAsync(new HttpMethod("PATCH"), resource.PathOf(@namespace, name) + query, body, "application/apply-patch+yaml", cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TimeoutException)
        {
            throw Explain($"apply {resource.Display} \"{name}\"", exception);
        }
    }

    /// <summary>Deletes the object and (in the background, as kubectl does) what it owns; true when it was there.</summary>
    public Task<bool> DeleteAsync(ApiResource resource, string? @namespace, string name, CancellationToken cancellationToken) =>
        CallAsync($"delete {resource.Display} \"{name}\"", async () =>
        {
            try
            {
                await _client.SendAsync(HttpMethod.Delete, resource.PathOf(@namespace, name) + "?propagationPolicy=Background", null, null, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    /// <summary>The Status message of a refused call (<c>Apply failed with 1 conflict: …</c>), else the HTTP reason.</summary>
    public static string StatusMessageOf(HttpOperationException exception) => StatusMessage(exception);
}
