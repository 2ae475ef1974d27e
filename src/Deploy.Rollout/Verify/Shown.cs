namespace Deploy.Rollout.Verify;

/// <summary>A URL as a log line or a message may show it: credentials in it masked.</summary>
internal static class Shown
{
    public static string Url(Uri url) =>
        url.IsAbsoluteUri && url.UserInfo.Length > 0 ? new UriBuilder(url) { UserName = "***", Password = "" }.Uri.ToString() : url.ToString();
}
