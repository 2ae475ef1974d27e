using HelloService;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(Listening.Url(Environment.GetEnvironmentVariable));

var app = builder.Build();
var commit = BuildInfo.Commit();

// Read from the app's configuration (environment variables included), so tests can set it per host.
var failures = FailureRate.From(app.Configuration[FailureRate.Variable]);

// Counts every request by status code (http_requests_received_total{code="500",...}) and its duration; it sits
// before the endpoints, so the 500s of HELLO_FAILURE_RATE are counted too.
app.UseHttpMetrics();

app.MapGet("/", () => failures.NextFails()
    ? Results.Problem($"Failing on purpose ({FailureRate.Variable} is set).", statusCode: StatusCodes.Status500InternalServerError)
    : Results.Ok(new Greeting("Hello from hello-service!", commit)));

// Never failed on purpose: a bad version still looks healthy to the rollout, and Prometheus can still scrape it.
app.MapGet("/healthz", () => Results.Ok("ok"));
app.MapMetrics();

app.Run();
