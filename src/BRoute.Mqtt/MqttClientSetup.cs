using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace BRoute.Mqtt;

/// <summary>
/// Builds MQTTnet's client options from <see cref="MqttPublisherOptions"/>: server, credentials, protocol, the daemon's
/// last will, and TLS with our own certificate check (a CA file as the only trusted root, or untrusted certificates
/// allowed on purpose) that remembers why a certificate was refused, for a clear status message.
/// </summary>
internal sealed class MqttClientSetup
{
    private readonly MqttPublisherOptions _options;
    private readonly X509Certificate2Collection? _caCertificates;
    private readonly X509Certificate2Collection? _clientCertificates;

    public MqttClientSetup(MqttPublisherOptions options, MqttTopics topics)
    {
        _options = options;
        if (options.UseTls)
        {
            _caCertificates = options.CaFile is { } ca ? LoadCa(ca) : null;
            _clientCertificates = options.ClientCertificateFile is { } cert ? [LoadClientCertificate(cert, options.ClientKeyFile)] : null;
        }

        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.ClientId)
            .WithProtocolVersion(options.Protocol == MqttProtocol.V5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithCleanSession()
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(options.Timeout)
            .WithWillTopic(topics.Status)
            .WithWillPayload(MqttTopics.Offline)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (options.Username is { } user)
        {
            builder = builder.WithCredentials(user, options.Password);
        }

        if (options.UseTls)
        {
            builder = builder.WithTlsOptions(tls =>
            {
                tls.UseTls()
                    .WithCertificateValidationHandler(ValidateServerCertificate)
                    .WithRevocationMode(X509RevocationMode.NoCheck);
                if (_clientCertificates is { } certificates)
                {
                    tls.WithClientCertificates(certificates);
                }
            });
        }

        ClientOptions = builder.Build();
    }

    /// <summary>The options to connect with.</summary>
    public MqttClientOptions ClientOptions { get; }

    /// <summary>Why the broker's certificate was last refused (null when it was not).</summary>
    public string? LastCertificateProblem { get; private set; }

    /// <summary>Clears <see cref="LastCertificateProblem"/> before an attempt.</summary>
    public void ResetCertificateProblem() => LastCertificateProblem = null;

    private bool ValidateServerCertificate(MqttClientCertificateValidationEventArgs e)
    {
        if (_options.AllowUntrustedCertificates)
        {
            return true;
        }

        var errors = e.SslPolicyErrors;
        if (_caCertificates is { } roots && e.Certificate is { } presented)
        {
            // The CA file is the only trusted root: a system-trusted certificate from another CA is refused too.
            errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            if (e.Chain is { } sent)
            {
                foreach (var element in sent.ChainElements)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
            if (!chain.Build(leaf))
            {
                errors |= SslPolicyErrors.RemoteCertificateChainErrors;
            }
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        LastCertificateProblem = Describe(errors);
        return false;
    }

    private string Describe(SslPolicyErrors errors)
    {
        var parts = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            parts.Add("the broker sent no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            parts.Add($"its certificate is not issued for '{_options.Host}' (connect with the name in the certificate)");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            parts.Add(_options.CaFile is null
                ? "its certificate is not signed by a CA this machine trusts (set the CA file to the CA that signed it)"
                : $"its certificate is not signed by the CA in '{_options.CaFile}' (check the CA file)");
        }

        return "the broker's TLS certificate was refused: " + string.Join("; ", parts)
            + "; only if you accept the risk, allow untrusted certificates";
    }

    private static X509Certificate2Collection LoadCa(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new MqttSettingsException($"the CA file '{path}' cannot be read as PEM certificates ({ex.Message}): give a PEM file with the broker's CA", ex);
        }

        return collection.Count > 0
            ? collection
            : throw new MqttSettingsException($"the CA file '{path}' holds no PEM certificate: give a PEM file with the broker's CA");
    }

    private static X509Certificate2 LoadClientCertificate(string path, string? keyPath)
    {
        try
        {
            if (path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase))
            {
                return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            }

            return X509Certificate2.CreateFromPemFile(path, keyPath);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new MqttSettingsException($"the client certificate '{path}' cannot be loaded ({ex.Message}): give a PEM certificate and its key file, or a PKCS#12 file without password", ex);
        }
    }
}
