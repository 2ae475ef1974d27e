namespace Deploy.Build.Execution;

/// <summary>How the executor runs a plan.</summary>
/// <param name="Parallelism">At most this many targets at once (≥ 1).</param>
/// <param name="KeepGoing">After a failure, let targets that do not depend on it go on.</param>
internal sealed record ExecutorOptions(int Parallelism, bool KeepGoing);
