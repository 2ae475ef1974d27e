namespace Deploy.Build.Records;

/// <summary>A parameter a run record says was given a value.</summary>
/// <param name="Name">Its command-line name (<c>container-name</c>).</param>
/// <param name="Source">Where the value came from (<c>the command line</c>, <c>.nuke/parameters.json</c>, …).</param>
/// <param name="Values">The value (one item; several for a list parameter); null for a secret, whose value a record never holds.</param>
public sealed record RecordedParameter(string Name, string Source, IReadOnlyList<string>? Values);
