using Lucy.Portal.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lucy.Portal.Core.Mail;

/// <summary>Registration of the mail channel: settings, outbox and its sender, notices by mail, reset and invitation links.</summary>
public static class MailServiceExtensions
{
    public static IServiceCollection AddPortalMail(this IServiceCollection services)
    {
        services.AddOptions<MailOutboxOptions>().BindConfiguration(MailOutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailTransportOptions>().BindConfiguration(MailTransportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<MailSecretProtector>();
        services.AddSingleton<MailSettings>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MailOutbox>();
        services.TryAddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<OutboxDelivery>();
        services.AddHostedService<MailOutboxSender>();
        services.AddScoped<TestMail>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<ForgottenPassword>();
        services.AddScoped<Invitations>();

        // Every notice is an audit row; with mail configured it is a mail as well.
        services.AddSingleton<AuditUserNotifier>();
        services.AddSingleton<OnceNotices>();
        services.RemoveAll<IUserNotifier>();
        services.AddSingleton<IUserNotifier, MailUserNotifier>();
        return services;
    }
}
