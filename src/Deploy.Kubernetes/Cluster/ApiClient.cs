using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace Deploy.Kubernetes.Cluster;

/// <summary>
/// KubernetesClient plus one generic call: a request by path with a JSON body, for what the typed client has no
/// method for (server-side apply of any kind, discovery). It goes through the client's own pipeline, so the
/// kubeconfig's credentials, certificates and token refresh apply, and a non-2xx answer is an
/// <see cref="k8s.Autorest.HttpOperationException"/> carrying the Status body, as for the typed calls.
/// </summary>
internal sealed class ApiClient(KubernetesClientConfiguration configuration) : k8s.Kubernetes(configuration)
{
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, string? contentType, CancellationToken cancellationToken)
    {
        // Relative to BaseUri (which ends in '/'), so a server URL with a path (a proxy's /k8s/clusters/c-1) keeps it.
        var request = new HttpRequestMessage(method, new Uri(BaseUri, path.TrimStart('/')));
        var content = body?.ToJsonString();
        if (content is not null)
        {
            request.Content = new StringContent(content, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using (request)
        {
            using var response = await SendRequestRaw(content ?? string.Empty, request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
    }
}
