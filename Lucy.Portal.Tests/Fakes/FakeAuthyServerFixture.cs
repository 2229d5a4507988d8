namespace Lucy.Portal.Tests.Fakes;

/// <summary>One fake Authy per test class: <c>IClassFixture&lt;FakeAuthyServerFixture&gt;</c>, then Server.Reset() per test.</summary>
public sealed class FakeAuthyServerFixture : IAsyncLifetime
{
    public FakeAuthyServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeAuthyServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
