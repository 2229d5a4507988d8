using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Settings;

public class SettingsPasswordValidatorTests
{
    private static async Task<bool> AcceptsAsync(SettingsTestHost host, int length)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var validator = scope.ServiceProvider.GetServices<IPasswordValidator<PortalUser>>()
            .Single(v => v.GetType().Name == "SettingsMinimumLengthPasswordValidator");
        return (await validator.ValidateAsync(null!, new PortalUser(), new string('a', length))).Succeeded;
    }

    [Fact]
    public async Task The_configured_minimum_length_applies_without_a_restart()
    {
        await using var host = new SettingsTestHost();
        Assert.False(await AcceptsAsync(host, 11));
        Assert.True(await AcceptsAsync(host, 12));

        await host.SaveAsync(new PasswordSection(8, 0));

        Assert.True(await AcceptsAsync(host, 8));
        Assert.False(await AcceptsAsync(host, 7));
    }

    [Fact]
    public void Identity_has_no_static_length_so_the_configured_minimum_alone_decides()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = Path.GetTempPath(),
        });
        builder.Configuration["Database:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"lucy-settings-{Guid.NewGuid():N}.db");
        builder.Configuration.AddInMemoryCollection(TestKeyRingCertificates.DefaultSettings);
        Lucy.Portal.Core.Extensions.CoreServiceExtensions.AddLucyCore(builder);

        using var services = builder.Services.BuildServiceProvider();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;

        Assert.Equal(0, options.Password.RequiredLength);
        Assert.Contains(services.CreateScope().ServiceProvider.GetServices<IPasswordValidator<PortalUser>>(),
            v => v.GetType().Name == "SettingsMinimumLengthPasswordValidator");
    }
}
