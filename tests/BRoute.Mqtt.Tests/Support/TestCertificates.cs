using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BRoute.Mqtt.Tests.Support;

/// <summary>A throw-away CA, a server certificate it signs for 127.0.0.1, and an unrelated second CA, as PEM files.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly string _dir;

    public TestCertificates()
    {
        _dir = Directory.CreateTempSubdirectory("broute-mqtt-tls-").FullName;
        MosquittoBroker.MakeReadable(_dir);
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa("CN=BRoute test CA", caKey, now);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = CreateCa("CN=Some other CA", otherKey, now);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3, 4]);

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest("CN=broute-test-client", clientKey, HashAlgorithmName.SHA256);
        clientRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var client = clientRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), [5, 6, 7, 8]);
        ClientCertificateFile = Write("client.pem", client.ExportCertificatePem());
        ClientKeyFile = Write("client.key", clientKey.ExportPkcs8PrivateKeyPem());

        CaFile = Write("ca.pem", ca.ExportCertificatePem());
        OtherCaFile = Write("other-ca.pem", other.ExportCertificatePem());
        ServerCertificateFile = Write("server.pem", server.ExportCertificatePem());
        ServerKeyFile = Write("server.key", serverKey.ExportPkcs8PrivateKeyPem());
    }

    public string CaFile { get; }

    public string OtherCaFile { get; }

    public string ServerCertificateFile { get; }

    public string ServerKeyFile { get; }

    /// <summary>A client certificate the CA signed (for a broker requiring one).</summary>
    public string ClientCertificateFile { get; }

    public string ClientKeyFile { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // harmless leftover
        }
    }

    private static X509Certificate2 CreateCa(string name, ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, pem);
        MosquittoBroker.MakeReadable(path);
        return path;
    }
}
