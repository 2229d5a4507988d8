using Lucy.Portal.Core.SecurityImages;

namespace Lucy.Portal.Tests.SecurityImages;

public class SecurityImageChallengesTests
{
    private const string Browser = "browser-one";
    private const string OtherBrowser = "browser-two";

    [Fact]
    public async Task The_right_characters_solve_the_image_whatever_their_case_and_spacing()
    {
        await using var host = new SecurityImageTestHost();
        var id = await host.IssueAsync(Browser);
        var answer = host.Codes.Last;

        var spacedLowercase = string.Join(' ', answer.ToLowerInvariant().ToCharArray());

        Assert.Equal(SecurityImageAnswer.Solved, await host.AnswerAsync(id, spacedLowercase, Browser));
    }

    [Fact]
    public async Task Wrong_characters_are_refused()
    {
        await using var host = new SecurityImageTestHost();
        var id = await host.IssueAsync(Browser);

        Assert.Equal(SecurityImageAnswer.Wrong, await host.AnswerAsync(id, Almost(host.Codes.Last), Browser));
    }

    [Fact]
    public async Task An_image_answers_once_even_the_right_answer_after_a_right_one()
    {
        await using var host = new SecurityImageTestHost();
        var id = await host.IssueAsync(Browser);
        var answer = host.Codes.Last;

        Assert.Equal(SecurityImageAnswer.Solved, await host.AnswerAsync(id, answer, Browser));
        Assert.Equal(SecurityImageAnswer.Missing, await host.AnswerAsync(id, answer, Browser));
        Assert.Null(await host.PngAsync(id, Browser));
    }

    [Fact]
    public async Task A_wrong_answer_uses_the_image_up_so_guessing_again_on_it_fails()
    {
        await using var host = new SecurityImageTestHost();
        var id = await host.IssueAsync(Browser);
        var answer = host.Codes.Last;

        Assert.Equal(SecurityImageAnswer.Wrong, await host.AnswerAsync(id, Almost(answer), Browser));
        Assert.Equal(SecurityImageAnswer.Missing, await host.AnswerAsync(id, answer, Browser));
    }

    [Fact]
    public async Task An_image_expires_after_five_minutes()
    {
        await using var host = new SecurityImageTestHost();
        var id = await host.IssueAsync(Browser);
        var answer = host.Codes.Last;

        host.Time.Advance(SecurityImageChallenges.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Null(await host.PngAsync(id, Browser));
        Assert.Equal(SecurityImageAnswer.Expired, await host.AnswerAsync(id, answer, Browser));
    }

    [Fact]
    public async Task An_image_answered_just_before_expiry_is_still_solved()
    {
        await using var host = new SecurityImageTestHost();
        var id = await host.IssueAsync(Browser);

        host.Time.Advance(SecurityImageChallenges.Lifetime - TimeSpan.FromSeconds(1));

        Assert.Equal(SecurityImageAnswer.Solved, await host.AnswerAsync(id, host.Codes.Last, Browser));
    }

    [Fact]
    public async Task Another_browser_can_neither_see_nor_answer_nor_use_up_the_image()
    {
        await using var host = new SecurityImageTestHost();
        var id = await host.IssueAsync(Browser);
        var answer = host.Codes.Last;

        Assert.Null(await host.PngAsync(id, OtherBrowser));
        Assert.Equal(SecurityImageAnswer.Missing, await host.AnswerAsync(id, answer, OtherBrowser));
        Assert.Equal(SecurityImageAnswer.Missing, await host.AnswerAsync(id, answer, null));

        Assert.Equal(SecurityImageAnswer.Solved, await host.AnswerAsync(id, answer, Browser));
    }

    [Fact]
    public async Task A_new_image_replaces_the_browsers_previous_one()
    {
        await using var host = new SecurityImageTestHost();
        var first = await host.IssueAsync(Browser);
        var firstAnswer = host.Codes.Last;

        await host.IssueAsync(Browser);

        Assert.Null(await host.PngAsync(first, Browser));
        Assert.Equal(SecurityImageAnswer.Missing, await host.AnswerAsync(first, firstAnswer, Browser));
    }

    [Fact]
    public async Task One_address_keeps_at_most_twenty_live_images_however_many_browsers_it_pretends_to_be()
    {
        await using var host = new SecurityImageTestHost();
        var ids = new List<string>();
        for (var i = 0; i < SecurityImageChallenges.MaxLivePerAddress + 5; i++)
        {
            ids.Add(await host.IssueAsync($"browser-{i}", "198.51.100.200"));
            host.Time.Advance(TimeSpan.FromMilliseconds(10));
        }
        var elsewhere = await host.IssueAsync("browser-elsewhere", "198.51.100.201");

        var live = await host.InScopeAsync(async sp =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Lucy.Portal.Core.Data.PortalDbContext>(sp);
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                db.Set<SecurityImageChallenge>(), c => c.Address == "198.51.100.200");
        });
        Assert.Equal(SecurityImageChallenges.MaxLivePerAddress, live);
        Assert.Null(await host.PngAsync(ids[0], "browser-0"));
        Assert.NotNull(await host.PngAsync(ids[^1], $"browser-{ids.Count - 1}"));
        Assert.NotNull(await host.PngAsync(elsewhere, "browser-elsewhere"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-id")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA'")]
    public async Task A_missing_or_malformed_id_is_no_answer(string? id)
    {
        await using var host = new SecurityImageTestHost();
        await host.IssueAsync(Browser);

        Assert.Equal(SecurityImageAnswer.Missing, await host.AnswerAsync(id, host.Codes.Last, Browser));
    }

    [Fact]
    public async Task The_answer_is_stored_only_as_a_hash()
    {
        await using var host = new SecurityImageTestHost();
        var id = await host.IssueAsync(Browser);

        var stored = await host.InScopeAsync(async sp =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Lucy.Portal.Core.Data.PortalDbContext>(sp);
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Set<SecurityImageChallenge>());
        });

        Assert.Equal(id, stored.Id);
        Assert.Equal(32, stored.AnswerHash.Length);
        Assert.DoesNotContain(host.Codes.Last, System.Text.Encoding.UTF8.GetString(stored.AnswerHash), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Browser, System.Text.Encoding.UTF8.GetString(stored.BindingHash), StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_use_only_the_unambiguous_alphabet()
    {
        var codes = new RandomSecurityImageCodes();
        var all = string.Concat(Enumerable.Range(0, 200).Select(_ => codes.Next()));

        Assert.All(all, c => Assert.Contains(c, RandomSecurityImageCodes.Alphabet));
        foreach (var lookAlike in "0O1IL2Z5S8B6GUVDQ")
        {
            Assert.DoesNotContain(lookAlike, RandomSecurityImageCodes.Alphabet);
        }
    }

    /// <summary>The answer with its first character swapped for another from the alphabet.</summary>
    private static string Almost(string answer) =>
        RandomSecurityImageCodes.Alphabet.First(c => c != answer[0]) + answer[1..];
}
