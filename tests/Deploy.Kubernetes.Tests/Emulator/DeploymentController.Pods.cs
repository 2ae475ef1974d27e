using System.Globalization;
using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>Pods: created by scaling a ReplicaSet up, moved along their image's fate one stage per step, removed by scaling down.</summary>
internal sealed partial class DeploymentController
{
    private const string StageAnnotation = "emulator/stage";

    private List<JsonObject> PodsOf(JsonObject replicaSet) =>
        _state.List("pods", Objects.Namespace(replicaSet), p => (string?)Objects.Labels(p)[Objects.Hash] == (string?)Objects.Labels(replicaSet)[Objects.Hash]
            && p["metadata"]?["ownerReferences"]?[0]?["uid"]?.GetValue<string>() == (string?)replicaSet["metadata"]!["uid"]);

    private static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"]?.AsArray().Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True") == true;

    private static int Stage(JsonObject pod) => int.Parse((string)Objects.Annotations(pod)[StageAnnotation]!, CultureInfo.InvariantCulture);

    private PodFate FateOf(JsonObject pod) =>
        _fates.GetValueOrDefault((string)pod["spec"]!["containers"]![0]!["image"]!, PodFate.Healthy);

    private bool CanAdvance(JsonObject pod) => Stage(pod) < FateOf(pod) switch
    {
        PodFate.ImagePullError or PodFate.CrashLoop => 2,
        _ => 1,
    };

    private void AddPod(JsonObject deployment, JsonObject replicaSet)
    {
        var template = replicaSet["spec"]!["template"]!;
        var name = $"{Objects.Name(replicaSet)}-{++_podCounter:00000}";
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = Objects.Namespace(replicaSet),
                ["uid"] = Guid.NewGuid().ToString(),
                ["labels"] = template["metadata"]!["labels"]!.DeepClone(),
                ["annotations"] = new JsonObject { [StageAnnotation] = "0" },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "ReplicaSet",
                    ["name"] = Objects.Name(replicaSet),
                    ["uid"] = replicaSet["metadata"]!["uid"]!.DeepClone(),
                    ["controller"] = true,
                }),
            },
            ["spec"] = template["spec"]!.DeepClone(),
        };
        SetContainers(pod, ready: false, c => new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } });
        _state.Put("pods", pod);
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

    private void Advance(JsonObject pod)
    {
        var stage = Stage(pod) + 1;
        Objects.Annotations(pod)[StageAnnotation] = stage.ToString(CultureInfo.InvariantCulture);
        var image = (string)pod["spec"]!["containers"]![0]!["image"]!;
        switch (FateOf(pod), stage)
        {
            case (PodFate.Healthy, _):
                SetContainers(pod, ready: true, c => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-01-01T00:00:00Z" } });
                break;
            case (PodFate.NeverReady, _):
                SetContainers(pod, ready: false, c => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-01-01T00:00:00Z" } });
                break;
            case (PodFate.ImagePullError, 1):
                SetContainers(pod, ready: false, c => Waiting("ErrImagePull", $"failed to pull and unpack image \"{image}\": not found"));
                break;
            case (PodFate.ImagePullError, _):
                SetContainers(pod, ready: false, c => Waiting("ImagePullBackOff", $"Back-off pulling image \"{image}\""));
                break;
            case (PodFate.CrashLoop, 1):
                SetContainers(pod, ready: false, c => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-01-01T00:00:00Z" } });
                break;
            case (PodFate.CrashLoop, _):
                SetContainers(pod, ready: false, c => Waiting("CrashLoopBackOff", $"back-off 10s restarting failed container={c} pod={Objects.Name(pod)}"), lastExit: 1);
                break;
            case (PodFate.ExitsNonZero, _):
                SetContainers(pod, ready: false, c => new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 3, ["reason"] = "Error", ["message"] = "listen tcp :80: bind: permission denied" } });
                break;
        }

        _state.Put("pods", pod);
    }

    private static JsonObject Waiting(string reason, string message) =>
        new() { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = message } };

    private static void SetContainers(JsonObject pod, bool ready, Func<string, JsonObject> state, int? lastExit = null)
    {
        var statuses = new JsonArray();
        foreach (var container in pod["spec"]!["containers"]!.AsArray())
        {
            var name = (string)container!["name"]!;
            var status = new JsonObject
            {
                ["name"] = name,
                ["image"] = container["image"]!.DeepClone(),
                ["ready"] = ready,
                ["restartCount"] = lastExit is null ? 0 : 1,
                ["state"] = state(name),
            };
            if (lastExit is { } code)
            {
                status["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = code, ["reason"] = "Error" } };
            }

            statuses.Add(status);
        }

        pod["status"] = new JsonObject
        {
            ["phase"] = ready ? "Running" : "Pending",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
            ["containerStatuses"] = statuses,
        };
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
