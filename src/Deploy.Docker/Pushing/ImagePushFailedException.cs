using Deploy.Build;

namespace Deploy.Docker.Pushing;

/// <summary>Pushing the image failed (after the retries, when the failure looked transient).</summary>
public class ImagePushFailedException : DeployException
{
    /// <summary>Creates the exception.</summary>
    public ImagePushFailedException(string reference, string message, Exception? innerException = null)
        : base(message, innerException ?? new InvalidOperationException(message))
    {
        Reference = reference;
    }

    /// <summary>The reference that was being pushed (<c>registry/name:tag</c>).</summary>
    public string Reference { get; }
}
