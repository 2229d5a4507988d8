using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.Authy;

/// <summary>A fresh fake state and a fresh client host (own breaker) for every test of a class sharing one fake server.</summary>
public abstract class AuthyContractTestBase : IClassFixture<FakeAuthyServerFixture>, IAsyncLifetime
{
    protected AuthyContractTestBase(FakeAuthyServerFixture fixture)
    {
        Server = fixture.Server;
        Server.Reset();
        Host = AuthyTestHost.Create(Server);
    }

    protected FakeAuthyServer Server { get; }

    protected AuthyTestHost Host { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
