using BRoute.Session;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;

namespace BRoute.Tests.Errors;

/// <summary>The driver's exceptions become the session's at its edge: one root type, precise subtypes, same message.</summary>
public sealed class DongleErrorsTests
{
    public static TheoryData<SkStackException, Type> Cases() => new()
    {
        { new SkTransportOpenException("/dev/ttyTEST0", "cannot open /dev/ttyTEST0: no such device — is the dongle plugged in?"), typeof(DeviceOpenException) },
        { new SkTransportLostException("/dev/ttyTEST0: the connection was closed (end of stream)"), typeof(DongleLostException) },
        { new SkTimeoutException("SKSREG", TimeSpan.FromSeconds(5)), typeof(DongleNotAnsweringException) },
        { new SkCommandFailedException("SKJOIN", SkErrorCode.ER10), typeof(DongleCommandException) },
        { new SkUnexpectedResponseException("SKVER", "OK without the EVER line"), typeof(DongleCommandException) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_driver_error_becomes_a_dongle_exception_with_the_same_message_and_the_cause_inside(SkStackException driver, Type expected)
    {
        var wrapped = DongleErrors.Wrap(driver);

        Assert.IsType(expected, wrapped);
        Assert.IsAssignableFrom<DongleException>(wrapped);
        Assert.Equal(driver.Message, wrapped.Message);
        Assert.Same(driver, wrapped.InnerException);
    }
}
