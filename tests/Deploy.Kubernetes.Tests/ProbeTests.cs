using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

public sealed class ProbeTests
{
    [Fact]
    public async Task Probe()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        File.WriteAllText(Path.Combine(cluster.Directory, "app.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: registry.example/web:1
                    ports:
                    - containerPort: 8080
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - port: 80
                targetPort: 8080
            """);
        File.WriteAllText(Path.Combine(cluster.Directory, "sts.yaml"), """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
            spec:
              replicas: 2
              serviceName: db
              selector:
                matchLabels: {app: db}
              template:
                metadata:
                  labels: {app: db}
                spec:
                  containers:
                  - name: db
                    image: registry.example/db:1
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: agent
            spec:
              selector:
                matchLabels: {app: agent}
              template:
                metadata:
                  labels: {app: agent}
                spec:
                  containers:
                  - name: agent
                    image: registry.example/agent:1
            """);
        var kubectl = new Kubectl(cluster);
        var log = new List<string>();
        foreach (var args in new[] {
            new[] { "apply", "--server-side", "--validate=false", "--dry-run=server", "-f", Path.Combine(cluster.Directory, "app.yaml") },
            ["apply", "--server-side", "--validate=false", "-f", Path.Combine(cluster.Directory, "app.yaml")],
            ["get", "deployment", "web", "-n", "apps", "-o", "yaml", "--show-managed-fields"],
            ["rollout", "status", "deployment/web", "-n", "apps", "--timeout", "30s"],
            ["patch", "deployment/web", "-n", "apps", "--type", "merge", "-p", "{\"spec\":{\"replicas\":3}}"],
            ["apply", "--server-side", "--validate=false", "-f", Path.Combine(cluster.Directory, "app.yaml")],
            ["apply", "--server-side", "--validate=false", "-f", Path.Combine(cluster.Directory, "sts.yaml")],
            ["rollout", "status", "statefulset/db", "-n", "apps", "--timeout", "30s"],
            ["rollout", "status", "daemonset/agent", "-n", "apps", "--timeout", "30s"],
            ["set", "image", "statefulset/db", "-n", "apps", "db=registry.example/db:2"],
            ["set", "image", "daemonset/agent", "-n", "apps", "agent=registry.example/agent:2"],
            ["rollout", "status", "statefulset/db", "-n", "apps", "--timeout", "30s"],
            ["rollout", "status", "daemonset/agent", "-n", "apps", "--timeout", "30s"],
            ["rollout", "history", "statefulset/db", "-n", "apps"],
            ["rollout", "undo", "statefulset/db", "-n", "apps"],
            ["rollout", "undo", "daemonset/agent", "-n", "apps"],
            ["rollout", "status", "statefulset/db", "-n", "apps", "--timeout", "30s"],
            ["rollout", "status", "daemonset/agent", "-n", "apps", "--timeout", "30s"],
            ["get", "statefulset", "db", "-n", "apps", "-o", "yaml"],
            ["get", "controllerrevisions", "-n", "apps", "-o", "yaml"],
        })
        {
            var (code, output, error) = await kubectl.RunAsync(args);
            log.Add($"$ kubectl {string.Join(' ', args)}\nexit {code}\n{output}\n{error}");
        }

        File.WriteAllText("/tmp/probe/out.txt", string.Join("\n\n", log) + "\n\nREQUESTS:\n" + string.Join("\n", cluster.Emulator.Requests.Select(r => $"{r.Method} {r.Path}{r.Query} {r.ContentType}")));
    }
}
