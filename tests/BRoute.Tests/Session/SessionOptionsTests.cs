using BRoute.Authentication;
using BRoute.Session;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary><see cref="MeterSessionOptions.Validate"/> names the setting that cannot work.</summary>
public sealed class SessionOptionsTests
{
    private static MeterSessionOptions Valid() => new()
    {
        Credentials = Credentials.Create(SessionHarness.Id, SessionHarness.Password),
        Device = SkDeviceFactories.Open("tcp://127.0.0.1:1"),
    };

    [Fact]
    public void The_defaults_are_valid_and_keep_two_gets_in_flight()
    {
        var options = Valid();
        options.Validate();
        Assert.Equal(2, options.MaxRequestsInFlight);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void Requests_in_flight_outside_1_to_8_are_refused_by_name(int value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (Valid() with { MaxRequestsInFlight = value }).Validate());
        Assert.Equal(nameof(MeterSessionOptions.MaxRequestsInFlight), e.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void Requests_in_flight_from_1_to_8_are_accepted(int value) => (Valid() with { MaxRequestsInFlight = value }).Validate();
}
