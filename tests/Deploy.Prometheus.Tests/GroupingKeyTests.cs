namespace Deploy.Prometheus.Tests;

/// <summary>https://github.com/prometheus/pushgateway#url: which grouping-key values need the @base64 form.</summary>
public sealed class GroupingKeyTests
{
    [Theory]
    [InlineData("staging", "env/staging")]
    [InlineData("Προμηθεύς", "name/%CE%A0%CF%81%CE%BF%CE%BC%CE%B7%CE%B8%CE%B5%CF%8D%CF%82")]
    [InlineData("a b?c", "name/a%20b%3Fc")]
    public void A_plain_value_is_uri_encoded(string value, string expected)
    {
        var name = expected[..expected.IndexOf('/', StringComparison.Ordinal)];
        Assert.Equal(expected, GroupingKey.Segment(name, value));
    }

    [Fact]
    public void A_value_with_a_slash_uses_url_safe_base64_without_padding()
    {
        // The README's own example: path="/var/tmp".
        Assert.Equal("path@base64/L3Zhci90bXA", GroupingKey.Segment("path", "/var/tmp"));
    }

    [Fact]
    public void An_empty_value_is_a_single_equals_sign_in_base64_form()
    {
        Assert.Equal("first_label@base64/=", GroupingKey.Segment("first_label", ""));
    }

    [Theory]
    [InlineData(".", "Lg")]
    [InlineData("..", "Li4")]
    public void Dot_segments_use_base64_so_url_normalisation_cannot_remove_them(string value, string encoded)
    {
        Assert.Equal($"name@base64/{encoded}", GroupingKey.Segment("name", value));
    }

    [Fact]
    public void Base64_uses_the_url_safe_alphabet()
    {
        // "?>?" is "Pz4/" in standard base64: '/' must become '_'.
        Assert.Equal("v@base64/Pz4_Lw", GroupingKey.Segment("v", "?>?/"));
    }
}
