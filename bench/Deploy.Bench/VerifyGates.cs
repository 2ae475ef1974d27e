using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Deploy.Rollout.Verify;
using Serilog;

/// <summary>
/// The verification gates' own cost beyond the wait: a window of two evaluations (start and end, 1 s apart) of one
/// --verify-url and one --verify-query against local servers answering at once, timed with the system clock; the
/// cost is the wall time minus the 1 s the window waits by design.
/// </summary>
internal static class VerifyGatesBench
{
    private const string PrometheusAnswer = """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"x"},"value":[1700000000,"1"]}]}}""";

    public static async Task<int> RunAsync(int runs)
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serving = ServeAsync(listener, stop.Token);
        var gates = new VerifyGates
        {
            Urls = [new Uri($"http://127.0.0.1:{port}/healthz")],
            Queries = ["up == 1"],
            PrometheusUrl = new Uri($"http://127.0.0.1:{port}/"),
            For = TimeSpan.FromSeconds(1),
            Interval = TimeSpan.FromSeconds(1),
        };
        var log = new LoggerConfiguration().CreateLogger();
        var overheads = new List<double>();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        for (var run = 0; run < runs + 1; run++)
        {
            var watch = Stopwatch.StartNew();
            var outcome = await new GateEvaluator(gates, http, TimeProvider.System, log).EvaluateAsync();
            var wall = watch.Elapsed.TotalMilliseconds;
            if (!outcome.Passed || outcome.Evaluations != 2)
            {
                throw new InvalidOperationException($"The gates did not pass twice: {outcome}");
            }

            overheads.Add(wall - gates.For.TotalMilliseconds);
        }

        // The first run includes JIT and the first connection: reported apart.
        var warm = overheads.Skip(1).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify gates=2 evaluations=2 window=1s runs={runs} cold-overhead={overheads[0]:0.0}ms overhead median={warm[warm.Count / 2]:0.0}ms min={warm[0]:0.0}ms max={warm[^1]:0.0}ms (per evaluation of both gates: {warm[warm.Count / 2] / 2:0.0}ms)"));
        await stop.CancelAsync();
        listener.Stop();
        await serving;
        return 0;
    }

    private static async Task ServeAsync(HttpListener listener, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(PrometheusAnswer);
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body, cancellationToken);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
