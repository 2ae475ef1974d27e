namespace HelloService;

/// <summary>What <c>GET /</c> answers.</summary>
/// <param name="Message">The greeting.</param>
/// <param name="Commit">The commit the service was built from.</param>
public sealed record Greeting(string Message, string Commit);
