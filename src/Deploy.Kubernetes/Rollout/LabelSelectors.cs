using k8s.Models;

namespace Deploy.Kubernetes.Rollout;

/// <summary>A Deployment's <c>spec.selector</c> as the query string the list and watch calls take.</summary>
internal static class LabelSelectors
{
    public static string Of(V1LabelSelector selector, params (string Key, string Value)[] extra)
    {
        var parts = new List<string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            parts.Add($"{key}={value}");
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", expression.Values ?? []);
            parts.Add(expression.OperatorProperty switch
            {
                "In" => $"{expression.Key} in ({values})",
                "NotIn" => $"{expression.Key} notin ({values})",
                "Exists" => expression.Key,
                "DoesNotExist" => "!" + expression.Key,
                _ => throw new KubernetesRolloutException($"The deployment's selector uses the operator \"{expression.OperatorProperty}\", which is not a Kubernetes label selector operator."),
            });
        }

        parts.AddRange(extra.Select(e => $"{e.Key}={e.Value}"));
        return string.Join(",", parts);
    }
}
