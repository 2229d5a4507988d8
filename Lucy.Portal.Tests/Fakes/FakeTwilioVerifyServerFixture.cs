namespace Lucy.Portal.Tests.Fakes;

/// <summary>One fake Verify per test class: <c>IClassFixture&lt;FakeTwilioVerifyServerFixture&gt;</c>, then Server.Reset() per test.</summary>
public sealed class FakeTwilioVerifyServerFixture : IAsyncLifetime
{
    public FakeTwilioVerifyServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeTwilioVerifyServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
