namespace Deploy.GitHub.Tests.Support;

/// <summary>
/// A test that needs action-validator (npm install -g @action-validator/cli, or $ACTION_VALIDATOR). Where it is
/// missing the test is skipped with the install hint, except in CI (CI=true): there a missing program fails.
/// </summary>
public sealed class ActionValidatorFactAttribute : FactAttribute
{
    public ActionValidatorFactAttribute()
    {
        if (Path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "action-validator is not installed (npm install -g @action-validator/cli, or set ACTION_VALIDATOR to its path)";
        }
    }

    /// <summary>$ACTION_VALIDATOR, else action-validator on PATH; null when neither.</summary>
    public static string? Path =>
        Environment.GetEnvironmentVariable("ACTION_VALIDATOR") is { Length: > 0 } given
            ? given
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
                .Select(d => System.IO.Path.Combine(d, "action-validator")).FirstOrDefault(File.Exists);
}
