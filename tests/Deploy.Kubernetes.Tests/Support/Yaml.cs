namespace Deploy.Kubernetes.Tests.Support;

/// <summary>Manifests as a service repository would hold them: the built image named by its repository and a tag.</summary>
internal static class Yaml
{
    /// <summary>What the manifests say; the rollout replaces it with the pushed digest reference.</summary>
    public const string Image = "registry.example/web:latest";

    public static string Deployment(string name = "web", string image = Image, int replicas = 2, string? labels = null) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{labels ?? name}}
            spec:
              containers:
              - name: {{name}}
                image: {{image}}
                ports:
                - containerPort: 8080
                envFrom:
                - configMapRef:
                    name: {{name}}-config
        """;

    public static string Service(string name = "web") => $$"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {{name}}
        spec:
          selector:
            app: {{name}}
          ports:
          - port: 80
            targetPort: 8080
        """;

    public static string ConfigMap(string name = "web-config", string value = "info") => $$"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{name}}
        data:
          LOG_LEVEL: {{value}}
        """;

    public static string StatefulSet(string name = "db", string image = Image, int replicas = 2) => $$"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: {{name}}
        spec:
          serviceName: {{name}}
          replicas: {{replicas}}
        {{PodsOf(name, image)}}
        """;

    public static string DaemonSet(string name = "agent", string image = Image) => $$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: {{name}}
        spec:
        {{PodsOf(name, image)}}
        """;

    /// <summary>A workload's selector and pod template (one container), indented under <c>spec:</c>.</summary>
    private static string PodsOf(string name, string image) => $$"""
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{name}}
            spec:
              containers:
              - name: {{name}}
                image: {{image}}
        """;

    /// <summary>Documents of one file, separated as YAML separates them.</summary>
    public static string Documents(params string[] documents) => string.Join("\n---\n", documents);
}
