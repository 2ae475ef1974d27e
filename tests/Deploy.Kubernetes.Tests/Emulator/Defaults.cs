using System.Globalization;
using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// The defaults the API server fills in on every write (k8s.io/kubernetes pkg/apis/*/v1/defaults.go), the few the
/// emulated kinds' controllers and kubectl's status rules read. Defaulted fields belong to no field manager.
/// </summary>
internal static class Defaults
{
    private static int _clusterIps;

    public static void Apply(EmulatedResource resource, JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject;
        switch (resource.Kind)
        {
            case "Deployment":
                spec!["replicas"] ??= 1;
                spec["revisionHistoryLimit"] ??= 10;
                spec["progressDeadlineSeconds"] ??= 600;
                spec["strategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" } };
                Template(spec);
                break;
            case "StatefulSet":
                spec!["replicas"] ??= 1;
                spec["revisionHistoryLimit"] ??= 10;
                spec["podManagementPolicy"] ??= "OrderedReady";
                spec["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate" };
                if ((string?)spec["updateStrategy"]!["type"] == "RollingUpdate")
                {
                    spec["updateStrategy"]!["rollingUpdate"] ??= new JsonObject { ["partition"] = 0 };
                }

                Template(spec);
                break;
            case "DaemonSet":
                spec!["revisionHistoryLimit"] ??= 10;
                spec["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate" };
                if ((string?)spec["updateStrategy"]!["type"] == "RollingUpdate")
                {
                    spec["updateStrategy"]!["rollingUpdate"] ??= new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 };
                }

                Template(spec);
                break;
            case "Service":
                spec!["type"] ??= "ClusterIP";
                spec["sessionAffinity"] ??= "None";
                spec["clusterIP"] ??= $"10.96.0.{(Interlocked.Increment(ref _clusterIps) % 250) + 2}";
                spec["clusterIPs"] ??= new JsonArray(spec["clusterIP"]!.DeepClone());
                foreach (var port in spec["ports"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    port["protocol"] ??= "TCP";
                    port["targetPort"] ??= port["port"]?.DeepClone();
                }

                obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case "Namespace":
                Objects.EnsureLabels(obj)["kubernetes.io/metadata.name"] = Objects.Name(obj);
                obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] ??= new JsonObject { ["phase"] = "Active" };
                break;
        }

        if (resource.IsWorkload)
        {
            obj["status"] ??= new JsonObject { ["observedGeneration"] = 0 };
        }
    }

    private static void Template(JsonObject spec)
    {
        foreach (var container in spec["template"]?["spec"]?["containers"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            foreach (var port in container["ports"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                port["protocol"] ??= "TCP";
            }
        }
    }

    /// <summary>The identity the server gives a new object: uid, creation time, generation 1.</summary>
    public static void NewObject(JsonObject obj, long resourceVersion)
    {
        var metadata = obj["metadata"]!.AsObject();
        metadata["uid"] ??= Guid.NewGuid().ToString();
        metadata["creationTimestamp"] ??= $"2026-01-01T00:00:{(resourceVersion % 60).ToString("00", CultureInfo.InvariantCulture)}Z";
        metadata["generation"] = 1;
    }
}
