using Lucy.Portal.Core.Authy;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.Authy;

/// <summary>
/// Every fault against every user-facing operation: each ends as the right typed result, never an exception;
/// sends are attempted at most once; only repeat-safe operations (register, poll) are retried.
/// </summary>
public class AuthyFaultMatrixTests(FakeAuthyServerFixture fixture) : IClassFixture<FakeAuthyServerFixture>
{
    public enum Operation { Register, Verify, Sms, Call, OneTouchCreate, OneTouchPoll }

    public enum Fault { Timeout, Throttled429, NoBody503, ConnectionRefused, ConnectionReset, MalformedJson, BadKey }

    private readonly FakeAuthyServer _server = fixture.Server;

    public static TheoryData<Operation, Fault> Matrix()
    {
        var data = new TheoryData<Operation, Fault>();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            foreach (var fault in Enum.GetValues<Fault>())
            {
                data.Add(operation, fault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Fault_ends_as_a_typed_result_with_sends_attempted_at_most_once(Operation operation, Fault fault)
    {
        _server.Reset();
        var user = _server.SeedUser(hasApp: true);
        await using var dead = fault == Fault.ConnectionRefused ? await StoppedServerAsync() : null;
        _server.SetFault(EndpointOf(operation), FaultFor(fault));
        await using var host = AuthyTestHost.Create(
            dead?.BaseAddress ?? _server.BaseAddress,
            fault == Fault.BadKey ? "not-the-key" : FakeAuthyServer.DefaultApiKey,
            fault == Fault.Timeout ? AuthyTestHost.ShortTimeouts : null);

        var result = await RunAsync(host, operation, user.Id);

        Assert.Equal(ExpectedStatus(fault), result.Status);
        Assert.Equal(fault != Fault.BadKey, result.IsTransient);
        Assert.Equal(ExpectedRequests(operation, fault), _server.RequestsTo(EndpointOf(operation)).Count);
        Assert.Empty(_server.Outbox);
        if (fault == Fault.Throttled429)
        {
            Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        }
    }

    private static async Task<FakeAuthyServer> StoppedServerAsync()
    {
        var dead = await FakeAuthyServer.StartAsync();
        await dead.StopAsync();
        return dead;
    }

    private static FakeAuthyFault FaultFor(Fault fault) => fault switch
    {
        Fault.Timeout => FakeAuthyFault.Delay(TimeSpan.FromSeconds(5)),
        // Longer than MaxRetryAfterWait, so even repeat-safe operations report it instead of waiting.
        Fault.Throttled429 => FakeAuthyFault.Throttle(TimeSpan.FromSeconds(30)),
        Fault.NoBody503 => FakeAuthyFault.Unavailable(),
        Fault.ConnectionReset => FakeAuthyFault.Reset(),
        Fault.MalformedJson => FakeAuthyFault.Malformed(),
        _ => new FakeAuthyFault(), // refused and bad key need no server-side fault
    };

    private static AuthyStatus ExpectedStatus(Fault fault) => fault switch
    {
        Fault.Throttled429 or Fault.NoBody503 => AuthyStatus.Throttled,
        Fault.BadKey => AuthyStatus.InvalidKey,
        _ => AuthyStatus.Unavailable,
    };

    private static int ExpectedRequests(Operation operation, Fault fault)
    {
        if (fault == Fault.ConnectionRefused)
        {
            return 0;
        }

        var repeatSafe = operation is Operation.Register or Operation.OneTouchPoll;
        var transient = fault is Fault.Timeout or Fault.NoBody503 or Fault.ConnectionReset;
        return repeatSafe && transient ? 3 : 1;
    }

    private static FakeAuthyEndpoint EndpointOf(Operation operation) => operation switch
    {
        Operation.Register => FakeAuthyEndpoint.RegisterUser,
        Operation.Verify => FakeAuthyEndpoint.Verify,
        Operation.Sms => FakeAuthyEndpoint.Sms,
        Operation.Call => FakeAuthyEndpoint.Call,
        Operation.OneTouchCreate => FakeAuthyEndpoint.OneTouchCreate,
        _ => FakeAuthyEndpoint.OneTouchStatus,
    };

    private static async Task<AuthyResult> RunAsync(AuthyTestHost host, Operation operation, string authyId) => operation switch
    {
        Operation.Register => await host.Users.RegisterAsync(new AuthyUserRegistration("ana@example.test", "1", "5551234567")),
        Operation.Verify => await host.Verifier.VerifyAsync(authyId, "1234567"),
        Operation.Sms => await host.Sender.SendSmsAsync(authyId),
        Operation.Call => await host.Sender.StartCallAsync(authyId),
        Operation.OneTouchCreate => await host.OneTouch.CreateApprovalRequestAsync(authyId, new AuthyApprovalRequest("Sign in to Lucy")),
        _ => await host.OneTouch.GetApprovalStatusAsync("fd285c30-97f8-0135-cfa7-1241e5695bb0"),
    };
}
