using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using CsCheck;

namespace BRoute.EchonetLite.Tests.Meter;

/// <summary>E1 unit table, the scale, and the counter wrap at 10^D7.</summary>
public class EnergyArithmeticTests
{
    [Theory]
    [InlineData(0x00, "1")]
    [InlineData(0x01, "0.1")]
    [InlineData(0x02, "0.01")]
    [InlineData(0x03, "0.001")]
    [InlineData(0x04, "0.0001")]
    [InlineData(0x0A, "10")]
    [InlineData(0x0B, "100")]
    [InlineData(0x0C, "1000")]
    [InlineData(0x0D, "10000")]
    public void Unit_table_matches_the_fact_sheet(byte code, string kwh)
    {
        Assert.True(EnergyUnit.TryGetKwhPerCount(code, out var multiplier));
        Assert.Equal(decimal.Parse(kwh, System.Globalization.CultureInfo.InvariantCulture), multiplier);
        Assert.True(EnergyUnit.IsDefined(code));
    }

    [Fact]
    public void Every_other_unit_code_is_undefined()
    {
        var defined = new byte[] { 0, 1, 2, 3, 4, 0x0A, 0x0B, 0x0C, 0x0D };
        for (var code = 0; code <= 0xFF; code++)
        {
            Assert.Equal(defined.Contains((byte)code), EnergyUnit.TryGetKwhPerCount((byte)code, out _));
        }
    }

    [Fact]
    public void Scale_multiplies_raw_by_coefficient_and_unit_exactly()
    {
        Assert.Equal(8653.6m, new EnergyScale(1m, 0x01).ToKwh(86536));
        Assert.Equal(86536000m, new EnergyScale(100m, 0x0A).ToKwh(86536));
        Assert.Equal(0.0003m, new EnergyScale(3m, 0x04).ToKwh(1));
        Assert.Null(new EnergyScale(1m, null).ToKwh(1));
        Assert.Null(new EnergyScale(1m, 0x05).ToKwh(1));
    }

    [Fact]
    public void Missing_D3_assumes_1_and_says_so()
    {
        var scale = new EnergyScale(null, 0x02);

        Assert.True(scale.CoefficientAssumed);
        Assert.Equal(1m, scale.EffectiveCoefficient);
        Assert.Equal(865.36m, scale.ToKwh(86536));
        Assert.False(new EnergyScale(1m, 0x02).CoefficientAssumed);
    }

    [Fact]
    public void Scale_is_updated_from_valid_D3_and_E1_blocks_only()
    {
        EchonetProperty[] blocks =
        [
            new(0xD3, Hex.Bytes("0000000A")),
            new(0xE1, Hex.Bytes("02")),
            new(0xE7, Hex.Bytes("00000274")),
        ];
        EchonetProperty[] bad = [new(0xD3, Hex.Bytes("000F4240")), new(0xE1, Hex.Bytes("05")), new(0xD3, Hex.Bytes("01"))];

        Assert.Equal(new EnergyScale(10m, 0x02), EnergyScale.Unknown.With(blocks));
        Assert.Equal(new EnergyScale(3m, 0x01), new EnergyScale(3m, 0x01).With(bad));
    }

    [Theory]
    [InlineData(100u, 250u, 6, 150u)]
    [InlineData(250u, 250u, 6, 0u)]
    [InlineData(999_990u, 10u, 6, 20u)]
    [InlineData(999_999u, 0u, 6, 1u)]
    [InlineData(9u, 0u, 1, 1u)]
    [InlineData(99_999_999u, 5u, 8, 6u)]
    public void Delta_handles_the_wrap_at_10_to_the_D7(uint previous, uint current, int digits, uint expected)
    {
        Assert.Equal(expected, EnergyCounter.Delta(previous, current, digits));
    }

    [Theory]
    [InlineData(0u, 1_000_000u, 6)]
    [InlineData(1_000_000u, 0u, 6)]
    [InlineData(0u, 0u, 0)]
    [InlineData(0u, 0u, 9)]
    public void Delta_refuses_readings_that_do_not_fit_the_digits(uint previous, uint current, int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyCounter.Delta(previous, current, digits));
    }

    [Fact]
    public void Delta_adds_back_to_the_current_reading_modulo_10_to_the_D7()
    {
        Gen.Select(Gen.Int[1, 8], Gen.UInt, Gen.UInt).Sample((digits, a, b) =>
        {
            var m = EnergyCounter.Modulus(digits);
            uint previous = a % m, current = b % m;

            var delta = EnergyCounter.Delta(previous, current, digits);

            Assert.InRange(delta, 0u, m - 1);
            Assert.Equal(current, (uint)((previous + (ulong)delta) % m));
        }, iter: 5_000, threads: 1);
    }

    [Fact]
    public void FromKwh_floors_to_whole_counts_and_wraps()
    {
        var scale = new EnergyScale(1m, 0x01);

        Assert.Equal(86536u, EnergyCounter.FromKwh(8653.69m, scale, 6));
        Assert.Equal(5u, EnergyCounter.FromKwh(100000.5m, scale, 6));
        Assert.Throws<ArgumentException>(() => EnergyCounter.FromKwh(1m, EnergyScale.Unknown, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyCounter.FromKwh(-1m, scale, 6));
    }
}
