using Deploy.Build;

namespace Deploy.Docker.Building;

/// <summary>The engine could not build the image; the message has the daemon's error and the step it failed at.</summary>
public sealed class ImageBuildFailedException : DeployException
{
    /// <summary>Creates the exception.</summary>
    public ImageBuildFailedException(string daemonError, string? step, string dockerfile)
        : base(step is null
            ? $"The image build failed: {daemonError} (Dockerfile '{dockerfile}'). Fix the Dockerfile or the build context and run again."
            : $"The image build failed at '{step}': {daemonError} (Dockerfile '{dockerfile}'). Fix that step and run again.")
    {
        DaemonError = daemonError;
        Step = step;
    }

    /// <summary>The error the engine reported.</summary>
    public string DaemonError { get; }

    /// <summary>The step that failed as the engine printed it (<c>Step 3/5 : RUN make</c>), when known.</summary>
    public string? Step { get; }
}
