namespace Deploy.Docker.Pushing;

/// <summary>Every check of the Push target's parameters, used by its <c>Validates</c> and by <see cref="PushRunner"/>.</summary>
internal static class PushChecks
{
    public static List<string> Problems(IPush build)
    {
        var problems = new List<string>();
        if (build.PushRetries is < 0 or > 20)
        {
            problems.Add($"--push-retries {build.PushRetries} is out of range. Give 0 to 20.");
        }

        if (build.PushRetryDelay < TimeSpan.Zero)
        {
            problems.Add($"--push-retry-delay {build.PushRetryDelay} is negative. Give a delay such as 1s.");
        }

        if (string.IsNullOrEmpty(build.RegistryUsername) != string.IsNullOrEmpty(build.RegistryPassword))
        {
            problems.Add(RegistryCredentials.OnlyOneGiven);
        }

        return problems;
    }
}
