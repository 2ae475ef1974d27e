namespace Deploy.Build.Tests.Support;

/// <summary>
/// A test that needs Debian's chromium. Where it is missing the test is skipped with the install hint, except in CI
/// (CI=true): there a missing browser must fail, never hide behind a skip (test.sh installs chromium).
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.IsInstalled && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = Chromium.Missing;
        }
    }
}
