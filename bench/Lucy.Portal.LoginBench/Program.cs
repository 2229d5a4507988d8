namespace Lucy.Portal.LoginBench;

/// <summary>
/// Two figures for capacity planning of the login: how many password + TOTP logins one core completes per second
/// compared with the PBKDF2 check alone, and how much server memory one live token-prompt circuit holds.
/// </summary>
internal static class BenchProgram
{
    // Not top-level statements: their generated Program would hide the portal's Program that the host needs.
    public static async Task Main(string[] args)
    {
        // `--logins` or `--circuits` runs one part only; `--statements` (what one SQL statement costs) runs only when asked.
        var all = args.Length == 0;
        if (all || args.Contains("--logins"))
        {
            await LoginThroughput.RunAsync();
            Console.WriteLine();
        }
        if (all || args.Contains("--circuits"))
        {
            await PromptCircuitMemory.RunAsync();
        }
        if (args.Contains("--statements"))
        {
            await StatementCost.RunAsync();
        }
    }
}
