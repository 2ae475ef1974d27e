using Deploy.Build;
using Deploy.Prometheus;

namespace Deploy.Bench.Pushgateway;

/// <summary>50 no-op targets in a chain (T01 → … → T50), with the metrics component: 50 finished targets to push.</summary>
internal sealed partial class BenchBuild : DeployBuild, IPushgatewayMetrics
{
    private int _done;

    private Target T01 => _ => _.Executes(() => _done++);
    private Target T02 => _ => _.DependsOn(T01).Executes(() => _done++);
    private Target T03 => _ => _.DependsOn(T02).Executes(() => _done++);
    private Target T04 => _ => _.DependsOn(T03).Executes(() => _done++);
    private Target T05 => _ => _.DependsOn(T04).Executes(() => _done++);
    private Target T06 => _ => _.DependsOn(T05).Executes(() => _done++);
    private Target T07 => _ => _.DependsOn(T06).Executes(() => _done++);
    private Target T08 => _ => _.DependsOn(T07).Executes(() => _done++);
    private Target T09 => _ => _.DependsOn(T08).Executes(() => _done++);
    private Target T10 => _ => _.DependsOn(T09).Executes(() => _done++);
    private Target T11 => _ => _.DependsOn(T10).Executes(() => _done++);
    private Target T12 => _ => _.DependsOn(T11).Executes(() => _done++);
    private Target T13 => _ => _.DependsOn(T12).Executes(() => _done++);
    private Target T14 => _ => _.DependsOn(T13).Executes(() => _done++);
    private Target T15 => _ => _.DependsOn(T14).Executes(() => _done++);
    private Target T16 => _ => _.DependsOn(T15).Executes(() => _done++);
    private Target T17 => _ => _.DependsOn(T16).Executes(() => _done++);
    private Target T18 => _ => _.DependsOn(T17).Executes(() => _done++);
    private Target T19 => _ => _.DependsOn(T18).Executes(() => _done++);
    private Target T20 => _ => _.DependsOn(T19).Executes(() => _done++);
    private Target T21 => _ => _.DependsOn(T20).Executes(() => _done++);
    private Target T22 => _ => _.DependsOn(T21).Executes(() => _done++);
    private Target T23 => _ => _.DependsOn(T22).Executes(() => _done++);
    private Target T24 => _ => _.DependsOn(T23).Executes(() => _done++);
    private Target T25 => _ => _.DependsOn(T24).Executes(() => _done++);
    private Target T26 => _ => _.DependsOn(T25).Executes(() => _done++);
    private Target T27 => _ => _.DependsOn(T26).Executes(() => _done++);
    private Target T28 => _ => _.DependsOn(T27).Executes(() => _done++);
    private Target T29 => _ => _.DependsOn(T28).Executes(() => _done++);
    private Target T30 => _ => _.DependsOn(T29).Executes(() => _done++);
    private Target T31 => _ => _.DependsOn(T30).Executes(() => _done++);
    private Target T32 => _ => _.DependsOn(T31).Executes(() => _done++);
    private Target T33 => _ => _.DependsOn(T32).Executes(() => _done++);
    private Target T34 => _ => _.DependsOn(T33).Executes(() => _done++);
    private Target T35 => _ => _.DependsOn(T34).Executes(() => _done++);
    private Target T36 => _ => _.DependsOn(T35).Executes(() => _done++);
    private Target T37 => _ => _.DependsOn(T36).Executes(() => _done++);
    private Target T38 => _ => _.DependsOn(T37).Executes(() => _done++);
    private Target T39 => _ => _.DependsOn(T38).Executes(() => _done++);
    private Target T40 => _ => _.DependsOn(T39).Executes(() => _done++);
    private Target T41 => _ => _.DependsOn(T40).Executes(() => _done++);
    private Target T42 => _ => _.DependsOn(T41).Executes(() => _done++);
    private Target T43 => _ => _.DependsOn(T42).Executes(() => _done++);
    private Target T44 => _ => _.DependsOn(T43).Executes(() => _done++);
    private Target T45 => _ => _.DependsOn(T44).Executes(() => _done++);
    private Target T46 => _ => _.DependsOn(T45).Executes(() => _done++);
    private Target T47 => _ => _.DependsOn(T46).Executes(() => _done++);
    private Target T48 => _ => _.DependsOn(T47).Executes(() => _done++);
    private Target T49 => _ => _.DependsOn(T48).Executes(() => _done++);
    private Target T50 => _ => _.DependsOn(T49).Executes(() => _done++);
}
