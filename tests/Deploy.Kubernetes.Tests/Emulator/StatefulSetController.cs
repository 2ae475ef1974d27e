using System.Globalization;
using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// The StatefulSet controller in small steps (pkg/controller/statefulset, OrderedReady and RollingUpdate): observe a
/// generation (its template's ControllerRevision becomes <c>updateRevision</c>), create pod 0, 1, … in order, each
/// only once the ones before are running and ready, then replace pods from the highest ordinal down to the partition,
/// one at a time. A pod that is not ready blocks it, as in Kubernetes, until someone deletes that pod
/// (kubernetes.io/docs/concepts/workloads/controllers/statefulset/#forced-rollback). When every pod is at
/// <c>updateRevision</c> and ready, <c>currentRevision</c> becomes it.
/// </summary>
internal sealed class StatefulSetController(ClusterState state, Kubelet kubelet)
{
    public int Steps { get; private set; }

    public bool Step()
    {
        lock (state.Gate)
        {
            foreach (var set in state.ListAll("statefulsets"))
            {
                if (Reconcile(set))
                {
                    Steps++;
                    return true;
                }
            }

            return false;
        }
    }

    private bool Reconcile(JsonObject set)
    {
        var status = set["status"]!.AsObject();
        if (Objects.Generation(set) > Objects.Number(status["observedGeneration"]))
        {
            var current = History.Current(state, set, labelPodsByHash: false);
            var next = (JsonObject)status.DeepClone();
            next["observedGeneration"] = Objects.Generation(set);
            next["updateRevision"] = Objects.Name(current);
            next["currentRevision"] ??= Objects.Name(current);
            return WorkloadStatus.Update(state, "statefulsets", set, Compute(set, next));
        }

        var replicas = (int)Objects.Number(set["spec"]!["replicas"]);
        var rolling = (string?)set["spec"]!["updateStrategy"]?["type"] == "RollingUpdate";
        var partition = rolling ? (int)Objects.Number(set["spec"]!["updateStrategy"]!["rollingUpdate"]?["partition"]) : 0;
        var ordered = (string?)set["spec"]!["podManagementPolicy"] != "Parallel";
        var updateRevision = (string)status["updateRevision"]!;
        var currentRevision = (string)status["currentRevision"]!;
        var pods = Pods(set);
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            if (!pods.TryGetValue(ordinal, out var pod))
            {
                Create(set, ordinal, rolling && ordinal < partition ? currentRevision : updateRevision);
                return true;
            }

            if (!Kubelet.IsReady(pod))
            {
                if (kubelet.CanAdvance(pod))
                {
                    kubelet.Advance(pod);
                    WorkloadStatus.Update(state, "statefulsets", set, Compute(set, status));
                    return true;
                }

                if (ordered)
                {
                    return WorkloadStatus.Update(state, "statefulsets", set, Compute(set, status));
                }
            }
        }

        var extra = pods.Keys.Where(o => o >= replicas).DefaultIfEmpty(-1).Max();
        if (extra >= 0)
        {
            Delete(set, pods[extra]);
            return true;
        }

        for (var ordinal = replicas - 1; rolling && ordinal >= partition; ordinal--)
        {
            if (RevisionOf(pods[ordinal]) != updateRevision)
            {
                Delete(set, pods[ordinal]);
                return true;
            }

            if (!Kubelet.IsReady(pods[ordinal]))
            {
                break;
            }
        }

        return WorkloadStatus.Update(state, "statefulsets", set, Compute(set, status));
    }

    private Dictionary<int, JsonObject> Pods(JsonObject set)
    {
        var uid = (string?)set["metadata"]!["uid"];
        var prefix = Objects.Name(set) + "-";
        return state.List("pods", Objects.Namespace(set), p => p["metadata"]?["ownerReferences"]?[0]?["uid"]?.GetValue<string>() == uid)
            .Where(p => int.TryParse(Objects.Name(p)[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .ToDictionary(p => int.Parse(Objects.Name(p)[prefix.Length..], CultureInfo.InvariantCulture));
    }

    private void Create(JsonObject set, int ordinal, string revisionName)
    {
        var revision = state.Get("controllerrevisions", Objects.Namespace(set), revisionName)!;
        var template = History.TemplateOf(revision)!;
        var name = $"{Objects.Name(set)}-{ordinal.ToString(CultureInfo.InvariantCulture)}";
        var labels = (JsonObject)(template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject());
        labels[History.RevisionHashLabel] = revisionName;
        labels["statefulset.kubernetes.io/pod-name"] = name;
        kubelet.Create(set, Objects.Name(set), name, template, labels);
        WorkloadStatus.Update(state, "statefulsets", set, Compute(set, set["status"]!.AsObject()));
    }

    private void Delete(JsonObject set, JsonObject pod)
    {
        state.Delete("pods", Objects.Namespace(pod), Objects.Name(pod));
        WorkloadStatus.Update(state, "statefulsets", set, Compute(set, set["status"]!.AsObject()));
    }

    private static string? RevisionOf(JsonObject pod) => (string?)Objects.Labels(pod)[History.RevisionHashLabel];

    /// <summary>The status fields from the pods, as updateStatefulSetStatus and completeRollingUpdate set them.</summary>
    private JsonObject Compute(JsonObject set, JsonObject status)
    {
        var pods = Pods(set).Values.ToList();
        var update = (string?)status["updateRevision"];
        var next = (JsonObject)status.DeepClone();
        var ready = pods.Count(Kubelet.IsReady);
        var updated = pods.Count(p => RevisionOf(p) == update);
        next["replicas"] = pods.Count;
        next["readyReplicas"] = ready;
        next["availableReplicas"] = ready;
        next["updatedReplicas"] = updated;
        next["currentReplicas"] = pods.Count(p => RevisionOf(p) == (string?)status["currentRevision"]);
        next["collisionCount"] = 0;
        if ((string?)set["spec"]!["updateStrategy"]?["type"] == "RollingUpdate" && updated == pods.Count && ready == pods.Count
            && pods.Count == (int)Objects.Number(set["spec"]!["replicas"]))
        {
            next["currentRevision"] = update;
            next["currentReplicas"] = updated;
        }

        return next;
    }
}
