namespace Deploy.Build;

/// <summary>What happens to a skipped target's dependencies.</summary>
public enum DependencyBehavior
{
    /// <summary>Dependencies still run (NUKE's default).</summary>
    Execute,

    /// <summary>Dependencies that no other planned, non-skipped target needs are skipped too.</summary>
    Skip,
}
