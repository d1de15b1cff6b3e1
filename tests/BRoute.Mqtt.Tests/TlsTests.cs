using BRoute.Mqtt.Tests.Support;
using static BRoute.Mqtt.Tests.Support.Samples;

namespace BRoute.Mqtt.Tests;

/// <summary>mqtts against a Mosquitto TLS listener with a throw-away CA: trusted, untrusted, mismatched.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task The_brokers_ca_file_makes_tls_work()
    {
        await using var broker = await MosquittoBroker.StartAsync(tls: _certificates);
        var options = TlsOptions(broker.Port);
        options.CaFile = _certificates.CaFile;
        await using var publisher = new MqttPublisher(options);
        publisher.Start();
        await Wait.UntilAsync(() => publisher.Status.State == MqttConnectionState.Connected, "a TLS connection");
    }

    [Fact]
    public async Task A_certificate_from_no_trusted_ca_is_refused_with_what_to_do()
    {
        await using var broker = await MosquittoBroker.StartAsync(tls: _certificates);
        await using var publisher = new MqttPublisher(TlsOptions(broker.Port));
        publisher.Start();
        await Wait.UntilAsync(() => publisher.Status.Failures >= 1, "a refused handshake");
        Assert.Equal(
            "the broker's TLS certificate was refused: its certificate is not signed by a CA this machine trusts (set the CA file to the CA that signed it); only if you accept the risk, allow untrusted certificates",
            publisher.Status.Problem);
        publisher.Post(new BRoute.Monitoring.MeterIdentifiedEvent(T0, Identity())); // still consuming
    }

    [Fact]
    public async Task A_certificate_from_another_ca_than_the_ca_file_is_refused()
    {
        await using var broker = await MosquittoBroker.StartAsync(tls: _certificates);
        var options = TlsOptions(broker.Port);
        options.CaFile = _certificates.OtherCaFile;
        await using var publisher = new MqttPublisher(options);
        publisher.Start();
        await Wait.UntilAsync(() => publisher.Status.Failures >= 1, "a refused handshake");
        Assert.Contains($"its certificate is not signed by the CA in '{_certificates.OtherCaFile}' (check the CA file)", publisher.Status.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowing_untrusted_certificates_connects_on_purpose()
    {
        await using var broker = await MosquittoBroker.StartAsync(tls: _certificates);
        var options = TlsOptions(broker.Port);
        options.AllowUntrustedCertificates = true;
        await using var publisher = new MqttPublisher(options);
        publisher.Start();
        await Wait.UntilAsync(() => publisher.Status.State == MqttConnectionState.Connected, "a TLS connection");
    }

    [Fact]
    public async Task Plain_mqtt_to_a_tls_port_says_to_use_mqtts()
    {
        await using var broker = await MosquittoBroker.StartAsync(tls: _certificates);
        var options = Options(broker.Port);
        options.Timeout = TimeSpan.FromSeconds(2);
        await using var publisher = new MqttPublisher(options);
        publisher.Start();
        await Wait.UntilAsync(() => publisher.Status.Failures >= 1, "a failed attempt");
        Assert.Contains("mqtts://", publisher.Status.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_to_a_plain_port_says_to_check_the_port_speaks_tls()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = TlsOptions(broker.Port);
        options.Timeout = TimeSpan.FromSeconds(2);
        options.CaFile = _certificates.CaFile;
        await using var publisher = new MqttPublisher(options);
        publisher.Start();
        await Wait.UntilAsync(() => publisher.Status.Failures >= 1, "a failed attempt");
        Assert.Contains("TLS", publisher.Status.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_certificate_passes_a_broker_that_requires_one()
    {
        await using var broker = await MosquittoBroker.StartAsync(tls: _certificates, requireClientCertificate: true);
        var options = TlsOptions(broker.Port);
        options.CaFile = _certificates.CaFile;
        options.Timeout = TimeSpan.FromSeconds(3);
        await using (var without = new MqttPublisher(options))
        {
            without.Start();
            await Wait.UntilAsync(() => without.Status.Failures >= 1, "a refused handshake without a client certificate");
            Assert.Contains("whether the broker requires a client certificate (set the client certificate file)", without.Status.Problem, StringComparison.Ordinal);
        }

        options.ClientCertificateFile = _certificates.ClientCertificateFile;
        options.ClientKeyFile = _certificates.ClientKeyFile;
        await using var with = new MqttPublisher(options);
        with.Start();
        await Wait.UntilAsync(() => with.Status.State == MqttConnectionState.Connected, "a mutual-TLS connection");
    }

    private static MqttPublisherOptions TlsOptions(int port)
    {
        var options = Options(port);
        options.Broker = new Uri($"mqtts://127.0.0.1:{port}");
        return options;
    }
}
