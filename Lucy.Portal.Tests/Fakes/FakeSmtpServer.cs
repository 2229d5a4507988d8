using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>How the fake SMTP server secures its port.</summary>
public enum FakeSmtpSecurity
{
    None,
    StartTls,
    Tls,
}

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port that records every message it accepts. It can be
/// stopped and started again on the same port, to play a mail server that is down for a while.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    public const string UserName = "mailer";
    public const string Password = "smtp-secret-1234";

    private readonly ConcurrentQueue<MimeMessage> messages = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly FakeSmtpSecurity security;
    private CancellationTokenSource? running;
    private Task? serving;

    public FakeSmtpServer(FakeSmtpSecurity security = FakeSmtpSecurity.None)
    {
        this.security = security;
        Port = FreePort();
        Certificate = security == FakeSmtpSecurity.None ? null : SelfSignedCertificate();
    }

    public int Port { get; }

    /// <summary>The server's self-signed certificate (null without TLS); no authority trusts it.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The certificate's SHA-256 thumbprint, as Mail:PinnedCertificateSha256 takes it.</summary>
    public string? CertificateSha256 => Certificate is null ? null : Convert.ToHexString(SHA256.HashData(Certificate.RawData));

    public IReadOnlyList<MimeMessage> Messages => messages.ToList();

    /// <summary>The user names and passwords clients authenticated with.</summary>
    public ConcurrentQueue<(string User, string Password)> Logins { get; } = new();

    public async Task StartAsync()
    {
        var endpoint = new EndpointDefinitionBuilder()
            .Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
            .IsSecure(security == FakeSmtpSecurity.Tls)
            .AllowUnsecureAuthentication(security == FakeSmtpSecurity.None)
            .AuthenticationRequired(false);
        if (Certificate is not null)
        {
            endpoint.Certificate(Certificate);
        }
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(endpoint.Build()).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new RecordingStore(this));
        services.Add(new DelegatingUserAuthenticator((user, password) =>
        {
            Logins.Enqueue((user, password));
            return user == UserName && password == Password;
        }));
        running = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        serving = server.StartAsync(running.Token);
        await WaitUntilListeningAsync();
    }

    public async Task StopAsync()
    {
        if (running is null)
        {
            return;
        }
        await running.CancelAsync();
        try
        {
            await serving!;
        }
        catch (OperationCanceledException)
        {
        }
        running.Dispose();
        running = null;
    }

    /// <summary>Waits (up to 10 s) until a message to the address has arrived, and returns it.</summary>
    public async Task<MimeMessage> WaitForMessageToAsync(string address, int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var matching = To(address);
            if (matching.Count >= count)
            {
                return matching[count - 1];
            }
            try
            {
                await arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No {count}. message to {address} arrived; the server holds {messages.Count}.");
            }
        }
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Certificate?.Dispose();
        arrived.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, timeout.Token);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // SslStream on Linux needs the key in a loadable (not ephemeral) form.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private sealed class RecordingStore(FakeSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            server.messages.Enqueue(MimeMessage.Load(stream, cancellationToken));
            server.arrived.Release();
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
