using BRoute.Decoding;
using BRoute.EchonetLite.Meter;

namespace BRoute.Tests.Decoding;

/// <summary>
/// D3 × E1 scaling in <c>broute decode</c>: learned from the input in either order, D3 at its limit, fixed by the
/// caller, and an invalid D3 ignored (a second guard besides the session's, issue 13).
/// </summary>
public sealed class TraceDecoderScaleTests
{
    private const string Header = "1081000102880105FF0172";

    private static EnergyReading E0(TraceLine line) =>
        Assert.IsType<EnergyValue>(Assert.Single(Assert.IsType<TraceLine.Decoded>(line).Frame.Values!).Value).Energy;

    [Fact]
    public void D3_999999_and_unit_10_kWh_learned_from_earlier_lines_scale_a_later_E0()
    {
        var decoder = new TraceDecoder();
        decoder.Decode(Header + "01D304000F423F", 1); // D3 = 999,999
        decoder.Decode(Header + "01E1010A", 2);       // E1 = 10 kWh

        var e0 = E0(decoder.Decode(Header + "01E00400015208", 3)); // 86,536 counts

        Assert.Equal(new EnergyScale(999_999m, 0x0A), decoder.Scale);
        Assert.Equal(86_536u, e0.Raw);
        Assert.Equal(86_536m * 999_999m * 10m, e0.Kwh);
    }

    [Fact]
    public void D3_and_E1_in_the_same_frame_as_E0_apply_to_it_whatever_their_order()
    {
        var decoder = new TraceDecoder();

        var result = Assert.IsType<TraceLine.Decoded>(decoder.Decode(Header + "03E00400015208D30400000028E10102", 1)); // E0, D3 = 40, E1 = 0.01

        var e0 = Assert.IsType<EnergyValue>(result.Frame.Values![0].Value).Energy;
        Assert.Equal(86_536m * 0.4m, e0.Kwh);
    }

    [Fact]
    public void A_D3_over_999999_is_an_error_and_leaves_the_coefficient_as_it_was()
    {
        var decoder = new TraceDecoder();
        decoder.Decode(Header + "01D30400000003", 1);
        var bad = Assert.IsType<TraceLine.Decoded>(decoder.Decode(Header + "01D304000F4240", 2)); // 1,000,000

        Assert.True(Assert.Single(bad.Frame.Values!).IsError);
        Assert.Equal(3m, decoder.Scale.Coefficient);
        decoder.Decode(Header + "01E10100", 3); // E1 = 1 kWh
        Assert.Equal(86_536m * 3m, E0(decoder.Decode(Header + "01E00400015208", 4)).Kwh);
    }

    [Fact]
    public void A_fixed_scale_wins_over_what_the_input_says()
    {
        var decoder = new TraceDecoder(coefficient: 25m, unitCode: 0x03);
        decoder.Decode(Header + "01D30400000001", 1);
        decoder.Decode(Header + "01E10101", 2);

        Assert.Equal(86_536m * 25m * 0.001m, E0(decoder.Decode(Header + "01E00400015208", 3)).Kwh);
    }
}
