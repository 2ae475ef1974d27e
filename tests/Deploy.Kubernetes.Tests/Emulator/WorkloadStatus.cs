using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>Writes a workload's status only when it changed, as a controller's status update does (each write one watch event).</summary>
internal static class WorkloadStatus
{
    public static bool Update(ClusterState state, string plural, JsonObject workload, JsonObject status)
    {
        if (JsonNode.DeepEquals(workload["status"], status))
        {
            return false;
        }

        workload["status"] = status;
        state.Put(plural, workload);
        return true;
    }
}
