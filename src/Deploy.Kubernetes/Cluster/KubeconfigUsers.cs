using YamlDotNet.RepresentationModel;

namespace Deploy.Kubernetes.Cluster;

/// <summary>Looks a context's user up in the kubeconfig files as kubectl merges them: the first entry of a name wins.</summary>
internal static class KubeconfigUsers
{
    public static KubeconfigUser Find(IEnumerable<FileInfo> files, string name)
    {
        foreach (var file in files)
        {
            var stream = new YamlStream();
            using (var reader = file.OpenText())
            {
                stream.Load(reader);
            }

            var users = stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root && root.Children.TryGetValue(new YamlScalarNode("users"), out var node)
                ? node as YamlSequenceNode
                : null;
            foreach (var entry in users?.Children.OfType<YamlMappingNode>() ?? [])
            {
                if (entry.Children.TryGetValue(new YamlScalarNode("name"), out var entryName) && entryName is YamlScalarNode { Value: var value } && value == name)
                {
                    return !entry.Children.TryGetValue(new YamlScalarNode("user"), out var user) || IsEmpty(user) ? KubeconfigUser.Empty : KubeconfigUser.WithCredentials;
                }
            }
        }

        return KubeconfigUser.Missing;
    }

    // `user: {}`, `user:`, `user: null` and `user: ~` all mean "no credentials" to kubectl.
    private static bool IsEmpty(YamlNode user) => user switch
    {
        YamlMappingNode mapping => mapping.Children.Count == 0,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" } => true,
        _ => false,
    };
}
