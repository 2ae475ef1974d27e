using Deploy.Build.Logging;
using Deploy.Build.Records;
using Serilog;

namespace Deploy.Build.Execution;

/// <summary>What a run needs from its surroundings; owned by the run, never static.</summary>
internal sealed record RunServices(
    ILogger Log,
    TargetScope Scope,
    TimeProvider Time,
    SecretMasker Masker,
    IReadOnlyList<IRunObserver> Observers,
    // Where targets' typed state is stored and restored from (--continue); null: nowhere (engine tests).
    OutputStore? Outputs = null,
    // Fingerprints the inputs of targets that declare them (up-to-date checks, with Outputs); null: every target runs.
    Fingerprints.Fingerprinter? Fingerprints = null,
    // Each target's fingerprint as it is taken, for the build to read (IDeployBuild.InputsFingerprint); null: not kept.
    System.Collections.Concurrent.ConcurrentDictionary<string, string>? Taken = null);
