using System.ComponentModel;
using System.Diagnostics;
using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Tests.Core.TwoFactor;

/// <summary>An independent TOTP implementation (oath-toolkit) agrees with ours. CI installs oathtool; so must a developer.</summary>
public class OathtoolInteroperabilityTests
{
    [Fact]
    public async Task Code_from_oathtool_for_the_current_time_is_accepted()
    {
        // Enroll in the past so the confirmation's step cannot make the oathtool code look like a replay.
        await using var host = await TwoFactorTestHost.StartAsync(DateTimeOffset.UtcNow.AddMinutes(-10));
        var user = await host.CreateUserAsync();
        var setup = await host.StartEnrollmentAsync(user);
        var seed = TwoFactorTestHost.SeedOf(setup);
        Assert.Equal(AuthenticatorConfirmation.Confirmed, await host.ConfirmAsync(user, host.CodeAt(seed, 0)));

        host.Time.SetUtcNow(DateTimeOffset.UtcNow);
        var code = await OathtoolTotpAsync(setup.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal));

        Assert.Equal(AuthenticatorVerification.Accepted, await host.VerifyAsync(user, code));
    }

    private static async Task<string> OathtoolTotpAsync(string base32Key)
    {
        var start = new ProcessStartInfo("oathtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--totp", "-b", base32Key })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"This test needs oathtool on the PATH (Debian/Ubuntu: apt-get install oathtool): {e.Message}");
            throw;
        }
        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "oathtool failed: " + await process.StandardError.ReadToEndAsync());
            return output.Trim();
        }
    }
}
