using System.Globalization;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Tests.Mail;

/// <summary>The words of every notice, without a server.</summary>
public class NoticeMailTests
{
    public static TheoryData<UserNoticeKind> Kinds() => new(Enum.GetValues<UserNoticeKind>());

    private static readonly DateTimeOffset At = new(2026, 11, 29, 4, 5, 0, TimeSpan.Zero);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_notice_kind_has_words_of_its_own(UserNoticeKind kind)
    {
        var mail = NoticeMail.For(new UserNotice("u1", kind), "user@lucy.test", At, DateDisplayFormat.Default, English);

        Assert.NotEqual("Lucy Portal: security notice", mail.Subject);
        Assert.DoesNotContain("There was a security event on your account.", mail.TextBody);
        Assert.Contains("If ", mail.TextBody);
    }

    [Fact]
    public void A_notice_gives_time_in_the_portal_zone_and_format_the_address_and_what_to_do()
    {
        var dates = DateDisplayFormat.For("Europe/Zurich", "dd.MM.yyyy HH:mm");
        var notice = new UserNotice("u1", UserNoticeKind.TwoFactorDisabled) { IpAddress = "203.0.113.7" };

        var mail = NoticeMail.For(notice, "user@lucy.test", At, dates, English);

        Assert.Contains("When: 29.11.2026 05:05 (Europe/Zurich)", mail.TextBody);
        Assert.Contains("From address: 203.0.113.7", mail.TextBody);
        Assert.Contains("If this was not you, change your password at once", mail.TextBody);
        Assert.Contains("<th align=\"left\">When</th><td>29.11.2026 05:05 (Europe/Zurich)</td>", mail.HtmlBody);
    }

    [Fact]
    public void A_notice_detail_is_html_encoded_in_the_html_part()
    {
        var notice = new UserNotice("u1", UserNoticeKind.FactorAdded) { Detail = "<script>alert(1)</script>" };

        var mail = NoticeMail.For(notice, "user@lucy.test", At, DateDisplayFormat.Default, English);

        Assert.DoesNotContain("<script>", mail.HtmlBody);
        Assert.Contains("&lt;script&gt;", mail.HtmlBody);
    }
}
