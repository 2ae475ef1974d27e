namespace Deploy.Kubernetes.Apply;

/// <summary>What <see cref="Undo"/> did: every object with its state now, whether the workloads are back, and that said in sentences.</summary>
/// <param name="Objects">Every object, with <see cref="AppliedObject.State"/> set.</param>
/// <param name="RolledBack">Whether every changed workload that existed before is back at its revision before (and there was one).</param>
/// <param name="Failure">Why a rollback failed; null when none did.</param>
/// <param name="Summary">A sentence on the rollback, then one line per object: where it is now.</param>
internal sealed record UndoOutcome(IReadOnlyList<AppliedObject> Objects, bool RolledBack, string? Failure, string Summary);
