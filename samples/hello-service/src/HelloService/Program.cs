using HelloService;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(Listening.Url(Environment.GetEnvironmentVariable));

var app = builder.Build();
var commit = BuildInfo.Commit();

app.MapGet("/", () => new Greeting("Hello from hello-service!", commit));
app.MapGet("/healthz", () => Results.Ok("ok"));

app.Run();
