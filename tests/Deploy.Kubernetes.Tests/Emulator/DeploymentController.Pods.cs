using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>Pods: created by scaling a ReplicaSet up, moved along by the kubelet, removed by scaling down.</summary>
internal sealed partial class DeploymentController
{
    private List<JsonObject> PodsOf(JsonObject replicaSet) =>
        _state.List("pods", Objects.Namespace(replicaSet), p => (string?)Objects.Labels(p)[Objects.Hash] == (string?)Objects.Labels(replicaSet)[Objects.Hash]
            && p["metadata"]?["ownerReferences"]?[0]?["uid"]?.GetValue<string>() == (string?)replicaSet["metadata"]!["uid"]);

    private static bool IsReady(JsonObject pod) => Kubelet.IsReady(pod);

    private bool CanAdvance(JsonObject pod) => _kubelet.CanAdvance(pod);

    private void Advance(JsonObject pod) => _kubelet.Advance(pod);

    private void AddPod(JsonObject deployment, JsonObject replicaSet)
    {
        var template = replicaSet["spec"]!["template"]!;
        _kubelet.Create(replicaSet, Objects.Name(deployment), null, template, (JsonObject)template["metadata"]!["labels"]!.DeepClone());
        SetReplicas(replicaSet, PodsOf(replicaSet).Count);
        UpdateStatus(deployment, OwnedReplicaSets(deployment));
    }

    private void RemovePod(JsonObject deployment, List<JsonObject> replicaSets, JsonObject pod)
    {
        _state.Delete("pods", Objects.Namespace(pod), Objects.Name(pod));
        var owner = replicaSets.First(rs => Objects.Labels(rs)[Objects.Hash]?.GetValue<string>() == Objects.Labels(pod)[Objects.Hash]?.GetValue<string>());
        SetReplicas(owner, PodsOf(owner).Count);
        UpdateStatus(deployment, OwnedReplicaSets(deployment));
    }

    private void SetReplicas(JsonObject replicaSet, int count)
    {
        replicaSet["spec"]!["replicas"] = count;
        replicaSet["status"] = new JsonObject { ["replicas"] = count };
        _state.Put("replicasets", replicaSet);
    }

    /// <summary>The deployment's status from its ReplicaSets' pods, as the controller computes it.</summary>
    private void UpdateStatus(JsonObject deployment, List<JsonObject> replicaSets)
    {
        var template = deployment["spec"]!["template"];
        var desired = (int)Objects.Number(deployment["spec"]!["replicas"]);
        var all = replicaSets.SelectMany(PodsOf).ToList();
        var current = replicaSets.FirstOrDefault(rs => Objects.SameTemplate(rs["spec"]!["template"], template));
        var updated = current is null ? 0 : PodsOf(current).Count;
        var ready = all.Count(IsReady);
        var status = deployment["status"]!.AsObject();
        status["replicas"] = all.Count;
        status["updatedReplicas"] = updated;
        status["readyReplicas"] = ready;
        status["availableReplicas"] = ready;
        status["unavailableReplicas"] = Math.Max(0, desired - ready);
        var conditions = status["conditions"] as JsonArray;
        var available = conditions?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Available");
        var isAvailable = ready >= desired;
        if (available is null || ((string?)available["status"] == "True") != isAvailable)
        {
            SetCondition(deployment, "Available", isAvailable ? "True" : "False", isAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                isAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.");
        }

        _state.Put("deployments", deployment);
    }
}
