namespace Deploy.Testing;

/// <summary>How a process a test ran ended, and what it printed on stdout and stderr (lines ending in \n).</summary>
public sealed record ProcessOutput(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
