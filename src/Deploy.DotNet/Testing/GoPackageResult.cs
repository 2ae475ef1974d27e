namespace Deploy.DotNet.Testing;

/// <summary>One package's outcome.</summary>
internal sealed record GoPackageResult(string Name, bool Passed);
