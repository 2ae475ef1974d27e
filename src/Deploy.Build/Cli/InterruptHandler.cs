using System.Runtime.InteropServices;

namespace Deploy.Build.Cli;

/// <summary>
/// Ctrl+C and SIGTERM cancel the run (running targets get their token cancelled, assured targets still
/// run); a second Ctrl+C ends the process at once.
/// </summary>
internal sealed class InterruptHandler : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    public InterruptHandler()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    public CancellationToken Token => _source.Token;

    private void Handle(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested)
        {
            return; // second signal: let the default handler end the process
        }

        context.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }
}
