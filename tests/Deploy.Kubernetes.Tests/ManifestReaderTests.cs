using System.Text.Json.Nodes;
using Deploy.Kubernetes.Manifests;

namespace Deploy.Kubernetes.Tests;

/// <summary>Manifests mean here what they mean to kubectl (sigs.k8s.io/yaml over go-yaml v2), unknown kinds and fields kept.</summary>
public sealed class ManifestReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("deploy-manifests-").FullName;

    private IReadOnlyList<ManifestObject> Read(string yaml, List<string>? problems = null)
    {
        var file = Path.Combine(_directory, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        return ManifestReader.Read([file], _directory, problems ?? []);
    }

    [Theory]
    [InlineData("yes", "true")]
    [InlineData("Off", "false")]
    [InlineData("y", "true")]
    [InlineData("\"yes\"", "\"yes\"")]
    [InlineData("0x1F", "31")]
    [InlineData("0755", "493")]
    [InlineData("1_000", "1000")]
    [InlineData("08", "8")]
    [InlineData("1.5e3", "1500")]
    [InlineData("~", "null")]
    [InlineData("2026-01-01", "\"2026-01-01\"")]
    [InlineData("!!str 10", "\"10\"")]
    [InlineData("'10'", "\"10\"")]
    [InlineData("v1.2", "\"v1.2\"")]
    public void Plain_scalars_resolve_as_go_yaml_v2_resolves_them(string yaml, string json)
    {
        var obj = Read($"apiVersion: v1\nkind: Thing\nmetadata:\n  name: x\nvalue: {yaml}\n").Single();

        Assert.Equal(json, obj.Body["value"]?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Unknown_kinds_and_fields_are_kept_as_written_and_lists_are_expanded()
    {
        var objects = Read("""
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w
            spec:
              anything: [1, {deep: true}]
            ---
            # nothing but a comment
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: a}
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: b}
            """);

        Assert.Equal(["Widget/w", "ConfigMap/a", "ConfigMap/b"], objects.Select(o => $"{o.Kind}/{o.Name}"));
        Assert.Equal("""{"anything":[1,{"deep":true}]}""", objects[0].Body["spec"]!.ToJsonString());
        Assert.EndsWith("(document 3) item 2", objects[2].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Anchors_and_merge_keys_are_resolved_as_kubectl_does()
    {
        var obj = Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: x
              labels: &common
                team: shop
            data:
              <<: *common
              extra: "1"
            """).Single();

        Assert.Equal("""{"team":"shop","extra":"1"}""", obj.Body["data"]!.ToJsonString());
    }

    [Fact]
    public void A_key_twice_in_one_mapping_is_a_problem_naming_the_line()
    {
        var problems = new List<string>();

        Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n", problems);

        Assert.EndsWith("is not valid YAML at line 5, column 3: Duplicate key name. Fix the file.", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_is_replaced_wherever_its_repository_appears_with_or_without_registry_tag_or_digest()
    {
        const string Pushed = "registry.example:5000/team/web@sha256:2222222222222222222222222222222222222222222222222222222222222222";
        var body = JsonNode.Parse("""
            {"a":{"image":"registry.example:5000/team/web"},"b":[{"image":"team/web:1.2"},{"image":"registry.example:5000/team/web@sha256:0000"}],
             "c":{"image":"other.example/team/web:1"},"d":{"image":"team/webby"},"e":{"images":"team/web"}}
            """)!;
        var others = new SortedSet<string>(StringComparer.Ordinal);

        var replaced = new ImageReferences(Pushed).Replace(body, others);

        Assert.Equal(3, replaced);
        Assert.Equal(Pushed, (string?)body["b"]![0]!["image"]);
        Assert.Equal(["other.example/team/web:1", "team/webby"], others);
        Assert.Equal("team/web", (string?)body["e"]!["images"]);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
