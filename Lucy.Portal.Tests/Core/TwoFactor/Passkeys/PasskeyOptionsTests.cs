using Lucy.Portal.Core.TwoFactor.Passkeys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Tests.Core.TwoFactor.Passkeys;

public class PasskeyOptionsTests
{
    [Theory]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://localhost", true)]
    [InlineData("http://127.0.0.1:5000", false)]
    [InlineData("http://localhost.evil.example", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("http://localhost:5000/path", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Default_relying_party_accepts_only_localhost_origins(string? origin, bool allowed) =>
        Assert.Equal(allowed, new PasskeyOptions().AllowsOrigin(origin));

    [Theory]
    [InlineData("https://portal.example.com", true)]
    [InlineData("https://portal.example.com/", true)]
    [InlineData("http://portal.example.com", false)]
    [InlineData("https://portal.example.com:8443", false)]
    [InlineData("https://other.example.com", false)]
    public void Configured_origins_are_matched_exactly(string origin, bool allowed)
    {
        var options = new PasskeyOptions { ServerDomain = "portal.example.com", Origins = ["https://portal.example.com"] };

        Assert.Equal(allowed, options.AllowsOrigin(origin));
    }

    [Fact]
    public void Production_domain_without_configured_origins_needs_https()
    {
        var options = new PasskeyOptions { ServerDomain = "portal.example.com" };

        Assert.True(options.AllowsOrigin("https://portal.example.com"));
        Assert.False(options.AllowsOrigin("http://portal.example.com"));
    }

    [Fact]
    public async Task Identity_passkey_options_come_from_configuration_not_from_the_request()
    {
        await using var host = await TwoFactorTestHost.StartAsync();
        await using var scope = host.CreateScope();
        var identity = scope.ServiceProvider.GetRequiredService<IOptions<IdentityPasskeyOptions>>().Value;
        var request = new DefaultHttpContext();
        request.Request.Host = new HostString("evil.example");
        request.Request.Headers.Origin = "https://evil.example";

        Assert.Equal("localhost", identity.ServerDomain);
        Assert.Equal("required", identity.UserVerificationRequirement);
        Assert.Equal("none", identity.AttestationConveyancePreference);
        Assert.False(await identity.ValidateOrigin!(new PasskeyOriginValidationContext { HttpContext = request, Origin = "https://evil.example", CrossOrigin = false }));
        Assert.False(await identity.ValidateOrigin!(new PasskeyOriginValidationContext { HttpContext = request, Origin = "http://localhost:5000", CrossOrigin = true }));
        Assert.True(await identity.ValidateOrigin!(new PasskeyOriginValidationContext { HttpContext = request, Origin = "http://localhost:5000", CrossOrigin = false }));
    }
}
