using System.Globalization;
using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// The kubelet's side of pods, for every controller: a new pod starts ContainerCreating and then moves on one stage
/// per step by its fate (<see cref="PodFate"/>), chosen by a container's image (optionally only for one workload's pods).
/// </summary>
internal sealed class Kubelet(ClusterState state)
{
    private const string StageAnnotation = "emulator/stage";
    private const string WorkloadAnnotation = "emulator/workload";
    private readonly Dictionary<(string Image, string? Workload), PodFate> _fates = [];
    private int _podCounter;

    public void SetFate(string image, PodFate fate, string? workload = null)
    {
        lock (state.Gate)
        {
            _fates[(image, workload)] = fate;
        }
    }

    public static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"]?.AsArray().Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True") == true;

    public bool CanAdvance(JsonObject pod) => Stage(pod) < FateOf(pod) switch
    {
        PodFate.ImagePullError or PodFate.CrashLoop => 2,
        _ => 1,
    };

    /// <summary>A new pod from <paramref name="template"/>, owned by <paramref name="owner"/> (its controller), stored.</summary>
    public JsonObject Create(JsonObject owner, string workload, string? name, JsonNode template, JsonObject labels, string? nodeName = null)
    {
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name ?? $"{Objects.Name(owner)}-{(++_podCounter).ToString("00000", CultureInfo.InvariantCulture)}",
                ["namespace"] = Objects.Namespace(owner),
                ["uid"] = Guid.NewGuid().ToString(),
                ["labels"] = labels,
                ["annotations"] = new JsonObject { [StageAnnotation] = "0", [WorkloadAnnotation] = workload },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = owner["apiVersion"]!.DeepClone(),
                    ["kind"] = owner["kind"]!.DeepClone(),
                    ["name"] = Objects.Name(owner),
                    ["uid"] = owner["metadata"]!["uid"]!.DeepClone(),
                    ["controller"] = true,
                }),
            },
            ["spec"] = template["spec"]!.DeepClone(),
        };
        if (nodeName is not null)
        {
            pod["spec"]!["nodeName"] = nodeName;
        }

        SetContainers(pod, ready: false, c => new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } });
        return state.Put("pods", pod);
    }

    public void Advance(JsonObject pod)
    {
        var stage = Stage(pod) + 1;
        Objects.Annotations(pod)[StageAnnotation] = stage.ToString(CultureInfo.InvariantCulture);
        var image = (string)pod["spec"]!["containers"]![0]!["image"]!;
        switch (FateOf(pod), stage)
        {
            case (PodFate.Healthy, _):
                SetContainers(pod, ready: true, c => Running());
                break;
            case (PodFate.NeverReady, _):
                SetContainers(pod, ready: false, c => Running());
                break;
            case (PodFate.ImagePullError, 1):
                SetContainers(pod, ready: false, c => Waiting("ErrImagePull", $"failed to pull and unpack image \"{image}\": not found"));
                break;
            case (PodFate.ImagePullError, _):
                SetContainers(pod, ready: false, c => Waiting("ImagePullBackOff", $"Back-off pulling image \"{image}\""));
                break;
            case (PodFate.CrashLoop, 1):
                SetContainers(pod, ready: false, c => Running());
                break;
            case (PodFate.CrashLoop, _):
                SetContainers(pod, ready: false, c => Waiting("CrashLoopBackOff", $"back-off 10s restarting failed container={c} pod={Objects.Name(pod)}"), lastExit: 1);
                break;
            case (PodFate.ExitsNonZero, _):
                SetContainers(pod, ready: false, c => new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 3, ["reason"] = "Error", ["message"] = "listen tcp :80: bind: permission denied" } });
                break;
        }

        state.Put("pods", pod);
    }

    private static int Stage(JsonObject pod) => int.Parse((string)Objects.Annotations(pod)[StageAnnotation]!, CultureInfo.InvariantCulture);

    private PodFate FateOf(JsonObject pod)
    {
        var workload = (string?)Objects.Annotations(pod)[WorkloadAnnotation];
        foreach (var container in pod["spec"]!["containers"]!.AsArray())
        {
            var image = (string)container!["image"]!;
            if (_fates.TryGetValue((image, workload), out var fate) || _fates.TryGetValue((image, null), out fate))
            {
                return fate;
            }
        }

        return PodFate.Healthy;
    }

    private static JsonObject Running() => new() { ["running"] = new JsonObject { ["startedAt"] = "2026-01-01T00:00:00Z" } };

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
}
