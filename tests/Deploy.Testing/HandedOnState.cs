using Deploy.Build;

namespace Deploy.Testing;

/// <summary>
/// Sends a value through the engine's output store the way <c>--continue</c> does: a run whose target declares it
/// with <c>.Outputs</c> stores it (and fails after it), a continued run with a fresh build restores it.
/// </summary>
public static class HandedOnState
{
    /// <summary>The value as the continued run's restore action received it.</summary>
    public static async Task<T> RoundTripAsync<T>(T value)
        where T : class
    {
        using var driver = new BuildDriver();
        var failed = await driver.RunAsync(new Carrier<T>(value, fail: true), ["Use"]).ConfigureAwait(false);
        if (failed.ExitCode != 1)
        {
            throw new InvalidOperationException($"The storing run should fail after Make: {failed}");
        }

        var continued = new Carrier<T>(null, fail: false);
        var result = await driver.RunAsync(continued, ["Use", "--continue"]).ConfigureAwait(false);
        if (result.ExitCode != 0 || continued.Seen is null || result.StatusOf("Make") != "Skipped")
        {
            throw new InvalidOperationException($"The continued run did not restore the {typeof(T).Name}: {result}");
        }

        return continued.Seen;
    }

    /// <summary>Make hands the value on; Use reads it, and fails in the first run so that the second continues.</summary>
    private sealed class Carrier<T>(T? value, bool fail) : DeployBuild
        where T : class
    {
        private T? _value = value;

        public T? Seen { get; private set; }

        Target Make => _ => _.Outputs(() => _value, restored => _value = restored).Executes(() => { });

        Target Use => _ => _.DependsOn(Make).Executes(() =>
        {
            Seen = _value;
            if (fail)
            {
                throw new InvalidOperationException("the first run stops here");
            }
        });
    }
}
