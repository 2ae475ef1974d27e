namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>What the emulated kubelet does with a pod of a given image.</summary>
internal enum PodFate
{
    /// <summary>ContainerCreating, then running and ready.</summary>
    Healthy,

    /// <summary>Running but never ready (a readiness probe that keeps failing): the rollout makes no progress.</summary>
    NeverReady,

    /// <summary>ErrImagePull, then ImagePullBackOff.</summary>
    ImagePullError,

    /// <summary>Running, then CrashLoopBackOff after exiting with code 1.</summary>
    CrashLoop,

    /// <summary>Terminated with exit code 3.</summary>
    ExitsNonZero,
}
