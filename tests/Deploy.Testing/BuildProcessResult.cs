namespace Deploy.Testing;

/// <summary>How a <see cref="BuildProcess"/> run ended and what it printed.</summary>
public sealed record BuildProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
