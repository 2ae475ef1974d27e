using Deploy.Build.Fingerprints;
using Deploy.Build.Planning;
using Deploy.Build.Records;

namespace Deploy.Build.Execution;

internal sealed partial class Executor
{
    /// <summary>
    /// A target <c>--continue</c> skips: puts back what it handed on last time, before any target after it starts.
    /// False (it runs again) when a target it needs ran again in this run, so what it built on is new, or when its
    /// stored state cannot be read or a path it handed on is gone: the result must be what a full run gives.
    /// </summary>
    private bool Restored(PlannedTarget target)
    {
        // A target with inputs is restored only when its fingerprint says so (it starts, and is up to date or runs).
        if (_services.Fingerprints is not null && target.Spec.Inputs.Count > 0)
        {
            return false;
        }

        var log = Log(target);
        var handsOn = CapturedOutputs.None.Digest;
        var problem = target.Needs.FirstOrDefault(p => _outcomes[p.Order].Ran) is { } fresh
            ? $"{fresh.Name}, which it depends on, ran again"
            : _services.Outputs?.Restore(target.Spec, out handsOn);
        if (problem is not null)
        {
            log.Warning("{TargetName} succeeded in the previous run, but runs again (--continue): {Problem}", target.Name, problem);
            return false;
        }

        _outcomes[target.Order].Contribution = Contributions.Succeeded(null, handsOn, NeedsPassed(target));
        try
        {
            CollectOutputs(target, _outcomes[target.Order]);
        }
        catch (Exception exception)
        {
            // The state is back; only the run record's copy of it is missing.
            log.Debug(exception, "The outputs of {TargetName} could not be read after restoring it", target.Name);
        }

        if (target.Spec.HandedOn.Count > 0)
        {
            log.Information("{TargetName} succeeded in the previous run: restored what it hands on (--continue)", target.Name);
        }

        return true;
    }
}
