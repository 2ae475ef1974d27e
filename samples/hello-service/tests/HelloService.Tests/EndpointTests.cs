using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelloService.Tests;

public sealed class EndpointTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Root_greets_with_the_commit_it_was_built_from()
    {
        using var client = factory.CreateClient();

        var greeting = await client.GetFromJsonAsync<Greeting>("/");

        Assert.NotNull(greeting);
        Assert.StartsWith("Hello", greeting.Message, StringComparison.Ordinal);
        Assert.Equal(BuildInfo.Commit(), greeting.Commit);
    }

    [Fact]
    public async Task Healthz_answers_200()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
