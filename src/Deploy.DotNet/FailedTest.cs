namespace Deploy.DotNet;

/// <summary>A test that failed.</summary>
/// <param name="Name">Its full name (<c>Namespace.Class.Method</c>, or <c>package TestName</c> for Go).</param>
/// <param name="Message">Why it failed (the assertion's message), possibly several lines.</param>
public sealed record FailedTest(string Name, string Message);
