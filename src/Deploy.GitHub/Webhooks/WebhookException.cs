using Deploy.Build;

namespace Deploy.GitHub.Webhooks;

/// <summary>The webhook server cannot start with these settings; the message says what to change.</summary>
public sealed class WebhookException : DeployException
{
    /// <summary>Creates the exception with a whole-sentence message.</summary>
    public WebhookException(string message)
        : base(message)
    {
    }
}
