namespace Deploy.Kubernetes;

/// <summary>What applying a manifest did to its object (or, in a dry run, would do).</summary>
public enum AppliedChange
{
    /// <summary>The object did not exist; the apply created it.</summary>
    Created,

    /// <summary>The object existed and the apply changed it.</summary>
    Configured,

    /// <summary>The object existed and already was as the manifest says.</summary>
    Unchanged,
}
