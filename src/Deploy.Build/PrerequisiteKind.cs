namespace Deploy.Build;

/// <summary>Why a planned target waits for one of its prerequisites.</summary>
public enum PrerequisiteKind
{
    /// <summary>It depends on it (<c>DependsOn</c> here, or <c>DependentFor</c> there): it runs only when the prerequisite succeeded.</summary>
    DependsOn,

    /// <summary>It declared <c>After</c> the prerequisite: it only runs later, whatever the prerequisite's outcome.</summary>
    After,

    /// <summary>The prerequisite declared <c>Before</c> it: it only runs later, whatever the prerequisite's outcome.</summary>
    Before,

    /// <summary>
    /// The prerequisite triggers it (<c>Triggers</c> there, or <c>TriggeredBy</c> here): it is planned because the
    /// prerequisite is, and runs only when the prerequisite succeeded.
    /// </summary>
    Triggers,
}
