namespace Lucy.Portal.Tests.Core.TwoFactor;

/// <summary>Gives each test its own database and clock.</summary>
public abstract class TwoFactorDatabaseTests : IAsyncLifetime
{
    internal TwoFactorTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TwoFactorTestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
