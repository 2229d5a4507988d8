using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>Points a portal's Authy client at the fake Authy server instead of api.authy.com.</summary>
public static class FakeAuthySettings
{
    /// <summary>Call before the portal starts. Retries wait 10 ms so "Authy is down" answers quickly.</summary>
    public static void UseFakeAuthy(this PortalFactory portal, FakeAuthyServer fake)
    {
        portal.Settings["Authy:BaseUrl"] = fake.BaseAddress.ToString();
        // Generous per attempt: two shared cores and a cold JIT can stall a healthy first call for a second.
        portal.Settings["Authy:AttemptTimeout"] = "00:00:05";
        portal.Settings["Authy:TotalTimeout"] = "00:00:10";
        portal.Settings["Authy:RetryBaseDelay"] = "00:00:00.010";
        portal.Settings["Authy:MaxRetryAfterWait"] = "00:00:01";
    }
}
