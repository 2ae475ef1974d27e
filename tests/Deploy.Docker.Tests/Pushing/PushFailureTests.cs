using Deploy.Docker.Pushing;

namespace Deploy.Docker.Tests.Pushing;

public sealed class PushFailureTests
{
    [Theory]
    [InlineData("unauthorized: authentication required")]
    [InlineData("no basic auth credentials")]
    [InlineData("denied: requested access to the resource is denied")]
    public void Refused_credentials_are_an_authentication_failure(string error)
    {
        Assert.True(PushFailure.IsAuthentication(error));
        Assert.False(PushFailure.IsTransient(error) && !PushFailure.IsAuthentication(error));
    }

    [Theory]
    [InlineData("Put \"http://127.0.0.1:5000/v2/x/blobs/uploads/\": dial tcp 127.0.0.1:5000: connect: connection refused")]
    [InlineData("received unexpected HTTP status: 503 Service Unavailable")]
    [InlineData("read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer")]
    [InlineData("net/http: TLS handshake timeout")]
    public void Refused_connections_5xx_resets_and_timeouts_are_transient(string error) =>
        Assert.True(PushFailure.IsTransient(error));

    [Fact]
    public void A_missing_image_is_neither() =>
        Assert.False(PushFailure.IsTransient("An image does not exist locally with the tag: x") || PushFailure.IsAuthentication("An image does not exist locally with the tag: x"));
}
