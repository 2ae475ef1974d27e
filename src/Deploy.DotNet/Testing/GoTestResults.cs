namespace Deploy.DotNet.Testing;

/// <summary>What a <c>go test -json</c> run reported: the counts and each package's outcome.</summary>
internal sealed record GoTestResults(TestSummary Summary, IReadOnlyList<GoPackageResult> Packages);
