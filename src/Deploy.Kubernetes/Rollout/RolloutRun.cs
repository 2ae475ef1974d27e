using System.Text.Json.Nodes;
using Deploy.Kubernetes.Cluster;
using k8s.Models;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// One rollout, start to end: check the Deployment (exists, has the container, not paused) without changing it, set
/// the image and change-cause, follow the rollout, and on failure roll back and wait for that, then say what happened.
/// </summary>
internal sealed partial class RolloutRun
{
    private readonly KubernetesRolloutRequest _request;
    private readonly ClusterApi _api;
    private readonly string _where;
    private readonly ILogger _log;

    public RolloutRun(KubernetesRolloutRequest request, ClusterApi api, string where, ILogger log)
    {
        _request = request;
        _api = api;
        _where = where;
        _log = log;
    }

    // Validation made sure there is one (set-image mode).
    private string Name => _request.Deployment!;

    private string Namespace => _api.Namespace;

    public async Task<KubernetesRolloutResult> RunAsync(CancellationToken cancellationToken)
    {
        var deployment = await _api.ReadDeploymentAsync(Name, cancellationToken).ConfigureAwait(false)
            ?? throw new KubernetesRolloutException(KubernetesPreflight.NotFound(Name, Namespace, _where));
        var container = Preflight(deployment);
        var before = Revisions.Of(deployment.Metadata);
        var result = new KubernetesRolloutResult
        {
            Namespace = Namespace,
            Deployment = Name,
            Container = container.Name,
            Reference = _request.Image,
            RevisionBefore = before,
            RevisionAfter = before,
        };
        if (!_request.Force && container.Image == _request.Image && IsRolledOut(deployment))
        {
            _log.Information(
                "Deployment {Namespace:l}/{Deployment:l} already runs {Image:l} and is fully rolled out (revision {Revision:l}): nothing to roll out (--force Rollout redeploys)",
                Namespace, Name, _request.Image, before?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
            return result with { Unchanged = true };
        }

        _log.Information(
            "Setting container {Container:l} of deployment {Namespace:l}/{Deployment:l} (revision {Revision:l}) from {OldImage:l} to {Image:l}",
            container.Name, Namespace, Name, before?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", container.Image, _request.Image);
        await _api.PatchDeploymentAsync(Name, SetImagePatch(container.Name, restart: _request.Force && container.Image == _request.Image), V1Patch.PatchType.StrategicMergePatch, cancellationToken).ConfigureAwait(false);

        string reason;
        try
        {
            return result with { RevisionAfter = await WaitAsync(cancellationToken).ConfigureAwait(false) };
        }
        catch (RolloutFailedException failure)
        {
            reason = failure.Message;
        }
        catch (TimeoutException timeout)
        {
            reason = timeout.Message;
        }

        _log.Warning("The rollout of {Image:l} to deployment {Namespace:l}/{Deployment:l} failed: {Reason:l}", _request.Image, Namespace, Name, reason);
        return await FailAsync(reason, result, cancellationToken).ConfigureAwait(false);
    }

    private V1Container Preflight(V1Deployment deployment)
    {
        if (deployment.Spec.Paused == true)
        {
            throw new KubernetesRolloutException(
                $"Deployment \"{Name}\" in namespace \"{Namespace}\" is paused, so a new image would not roll out: resume it first (kubectl rollout resume deployment/{Name} -n {Namespace}), then run again.");
        }

        var containers = deployment.Spec.Template?.Spec?.Containers ?? [];
        var names = string.Join(", ", containers.Select(c => $"\"{c.Name}\""));
        if (_request.Container is null)
        {
            return containers.Count == 1
                ? containers[0]
                : throw new KubernetesRolloutException(
                    $"Deployment \"{Name}\" in namespace \"{Namespace}\" has {containers.Count} containers ({names}): pass --container with the one whose image to set.");
        }

        return containers.FirstOrDefault(c => c.Name == _request.Container)
            ?? throw new KubernetesRolloutException(
                $"Deployment \"{Name}\" in namespace \"{Namespace}\" has no container \"{_request.Container}\" (its containers: {names}): pass --container with one of them.");
    }

    /// <summary>
    /// Healthy as <c>kubectl rollout status</c> would end: the controller saw the latest spec, and every wanted replica
    /// is updated and available, none unavailable.
    /// </summary>
    private static bool IsRolledOut(V1Deployment deployment)
    {
        var status = deployment.Status;
        var wanted = deployment.Spec.Replicas ?? 1;
        return status is not null
            && (status.ObservedGeneration ?? 0) >= (deployment.Metadata.Generation ?? 0)
            && (status.UpdatedReplicas ?? 0) == wanted
            && (status.AvailableReplicas ?? 0) == wanted
            && (status.Replicas ?? 0) == wanted
            && (status.UnavailableReplicas ?? 0) == 0;
    }

    /// <summary>
    /// The strategic merge patch <c>kubectl set image</c> sends (containers merge by name), plus the change cause; a
    /// forced rollout of the image already set also stamps the pod template, as <c>kubectl rollout restart</c> does,
    /// so that new pods roll out.
    /// </summary>
    private JsonObject SetImagePatch(string container, bool restart)
    {
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = container, ["image"] = _request.Image }),
                    },
                },
            },
        };
        if (restart)
        {
            patch["spec"]!["template"]!["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/restartedAt"] = _request.TimeProvider.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) },
            };
        }

        if (_request.ChangeCause is not null)
        {
            patch["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Revisions.ChangeCauseAnnotation] = _request.ChangeCause } };
        }

        return patch;
    }

    /// <summary>Follows the Deployment's rollout under the request's timeout; its revision at the end.</summary>
    private async Task<long?> WaitAsync(CancellationToken cancellationToken)
    {
        var waiter = new WorkloadWaiter(_api, [new Workload(WorkloadKind.Deployment, Namespace, Name)], _request.TimeProvider, _log);
        await waiter.WaitAsync(_request.Timeout, failFastOnPods: true, cancellationToken).ConfigureAwait(false);
        return Revisions.Of(waiter.Trackers[0].Metadata!);
    }
}
