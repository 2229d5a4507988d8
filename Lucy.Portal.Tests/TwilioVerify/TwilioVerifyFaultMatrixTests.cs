using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.TwilioVerify;

/// <summary>
/// Every fault against every operation: each ends as the right typed result, never an exception; sends and checks are
/// attempted at most once; only the Service probe is retried.
/// </summary>
public class TwilioVerifyFaultMatrixTests(FakeTwilioVerifyServerFixture fixture) : IClassFixture<FakeTwilioVerifyServerFixture>
{
    public enum Operation { Send, Check, Probe }

    public enum Fault { Timeout, Throttled429, Unavailable503, ConnectionRefused, ConnectionReset, MalformedJson, BadCredentials }

    private const string Phone = "+41791234567";

    private readonly FakeTwilioVerifyServer _server = fixture.Server;

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
    public async Task Fault_ends_as_a_typed_result_with_sends_and_checks_attempted_at_most_once(Operation operation, Fault fault)
    {
        _server.Reset();
        await using var dead = fault == Fault.ConnectionRefused ? await StoppedServerAsync() : null;
        _server.SetFault(EndpointOf(operation), FaultFor(fault));
        var credentials = fault == Fault.BadCredentials
            ? TwilioVerifyTestHost.FakeCredentials with { AuthToken = new string('0', 32) }
            : TwilioVerifyTestHost.FakeCredentials;
        await using var host = TwilioVerifyTestHost.Create(
            dead?.BaseAddress ?? _server.BaseAddress, credentials, fault == Fault.Timeout ? TwilioVerifyTestHost.ShortTimeouts : null);

        var result = await RunAsync(host, operation);

        Assert.Equal(ExpectedStatus(fault), result.Status);
        Assert.Equal(fault != Fault.BadCredentials, result.IsTransient);
        Assert.Equal(ExpectedRequests(operation, fault), _server.RequestsTo(EndpointOf(operation)).Count);
        Assert.Empty(_server.Outbox);
        if (fault == Fault.Throttled429)
        {
            Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
            Assert.Equal(20429, result.ErrorCode);
        }
    }

    private static async Task<FakeTwilioVerifyServer> StoppedServerAsync()
    {
        var dead = await FakeTwilioVerifyServer.StartAsync();
        await dead.StopAsync();
        return dead;
    }

    private static FakeVerifyFault FaultFor(Fault fault) => fault switch
    {
        Fault.Timeout => FakeVerifyFault.Delay(TimeSpan.FromSeconds(5)),
        // Longer than MaxRetryAfterWait, so even the probe reports it instead of waiting.
        Fault.Throttled429 => FakeVerifyFault.Throttle(TimeSpan.FromSeconds(30)),
        Fault.Unavailable503 => FakeVerifyFault.Unavailable(),
        Fault.ConnectionReset => FakeVerifyFault.Reset(),
        Fault.MalformedJson => FakeVerifyFault.Malformed(),
        _ => new FakeVerifyFault(), // refused and bad credentials need no server-side fault
    };

    private static TwilioVerifyStatus ExpectedStatus(Fault fault) => fault switch
    {
        Fault.Throttled429 => TwilioVerifyStatus.Throttled,
        Fault.BadCredentials => TwilioVerifyStatus.InvalidCredentials,
        _ => TwilioVerifyStatus.Unavailable,
    };

    private static int ExpectedRequests(Operation operation, Fault fault)
    {
        if (fault == Fault.ConnectionRefused)
        {
            return 0;
        }

        var transient = fault is Fault.Timeout or Fault.Unavailable503 or Fault.ConnectionReset;
        return operation == Operation.Probe && transient ? 3 : 1;
    }

    private static FakeVerifyEndpoint EndpointOf(Operation operation) => operation switch
    {
        Operation.Send => FakeVerifyEndpoint.Verifications,
        Operation.Check => FakeVerifyEndpoint.VerificationCheck,
        _ => FakeVerifyEndpoint.Service,
    };

    private static async Task<TwilioVerifyResult> RunAsync(TwilioVerifyTestHost host, Operation operation) => operation switch
    {
        Operation.Send => await host.Codes.SendAsync(Phone, CodeChannel.Sms),
        Operation.Check => await host.Codes.CheckAsync(Phone, "123456"),
        _ => await host.Probe.GetServiceAsync(),
    };
}
