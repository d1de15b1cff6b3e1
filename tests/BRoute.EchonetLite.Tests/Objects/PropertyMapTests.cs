using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Objects;
using CsCheck;

namespace BRoute.EchonetLite.Tests.Objects;

public class PropertyMapTests
{
    private static readonly byte[] AllEpcs = Enumerable.Range(0x80, 128).Select(i => (byte)i).ToArray();

    private static readonly Gen<byte[]> GenEpcSet =
        Gen.Int[0, 128].SelectMany(n => Gen.Shuffle(AllEpcs, n));

    [Fact]
    public void Fewer_than_16_EPCs_use_the_list_form_ascending()
    {
        var map = PropertyMap.Create(0xE7, 0x80, 0xD3);

        Assert.Equal(Hex.Bytes("03 80 D3 E7"), map.Encode());
        Assert.Equal(3, map.Count);
        Assert.Equal("[0x80, 0xD3, 0xE7]", map.ToString());
    }

    [Fact]
    public void Empty_map_is_a_single_zero_byte()
    {
        Assert.Equal(new byte[] { 0x00 }, PropertyMap.Empty.Encode());
        Assert.Equal(PropertyMap.Empty, PropertyMap.Decode([0x00]));
    }

    [Fact]
    public void Sixteen_EPCs_use_the_17_byte_bitmap()
    {
        // 0x80..0x8F: low nibble i, high nibble 8 → bit 0 of every byte.
        var map = PropertyMap.Create(AllEpcs.AsSpan(0, 16));

        var bytes = map.Encode();

        Assert.Equal("10" + Hex.Repeat("01", 16), Hex.Of(bytes));
    }

    [Fact]
    public void Bitmap_bit_3_of_byte_7_is_EPC_B7()
    {
        // echonet-lite.md §7 example, plus 15 EPCs of the 0x8X row so the bitmap form applies.
        var edt = new byte[17];
        edt[0] = 16;
        for (var i = 0; i < 16; i++)
        {
            edt[1 + i] = 0x01;
        }

        edt[1 + 0x7] |= 1 << 3;
        edt[1 + 0xF] = 0x00;

        var map = PropertyMap.Decode(edt);

        Assert.True(map.Contains(0xB7));
        Assert.False(map.Contains(0x8F));
        Assert.Equal(16, map.Count);
        Assert.Equal(edt, map.Encode());
    }

    [Fact]
    public void A_typical_meter_Get_map_round_trips_in_bitmap_form()
    {
        byte[] epcs = [0x80, 0x81, 0x82, 0x88, 0x8A, 0x8D, 0x97, 0x98, 0x9D, 0x9E, 0x9F, 0xD3, 0xD7, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE7, 0xE8, 0xEA, 0xEB, 0xEC, 0xED];
        var map = PropertyMap.Create(epcs);

        var bytes = map.Encode();

        Assert.Equal(17, bytes.Length);
        Assert.Equal(25, bytes[0]);
        Assert.Equal(epcs, PropertyMap.Decode(bytes).ToArray());
        // byte 0x7 holds 0x97 (bit 1), 0xD7 (bit 5) and 0xE7 (bit 6); byte 0xD holds 0x8D, 0x9D and 0xED.
        Assert.Equal(0b0110_0010, bytes[1 + 0x7]);
        Assert.Equal(0b0100_0011, bytes[1 + 0xD]);
    }

    [Fact]
    public void Random_EPC_sets_of_every_size_round_trip_in_both_forms()
    {
        var sizes = new HashSet<int>();
        GenEpcSet.Sample(epcs =>
        {
            var map = PropertyMap.Create(epcs);
            var bytes = map.Encode();
            var decoded = PropertyMap.Decode(bytes);

            sizes.Add(epcs.Length);
            Assert.Equal(epcs.Length, map.Count);
            Assert.Equal(epcs.Length < 16 ? 1 + epcs.Length : 17, bytes.Length);
            Assert.Equal(map, decoded);
            Assert.Equal(epcs.Order().ToArray(), decoded.ToArray());
            Assert.All(AllEpcs, e => Assert.Equal(epcs.Contains(e), decoded.Contains(e)));
        }, iter: 3_000, threads: 1);

        Assert.Contains(0, sizes);
        Assert.Contains(15, sizes);
        Assert.Contains(16, sizes);
        Assert.Contains(128, sizes);
    }

    [Fact]
    public void A_list_form_in_any_order_decodes()
    {
        Assert.Equal(PropertyMap.Create(0x80, 0xE7), PropertyMap.Decode(Hex.Bytes("02 E7 80")));
    }

    [Theory]
    [InlineData("", "property map is empty; it needs at least the count byte", 0)]
    [InlineData("03 80 E7", "property map lists 3 EPC(s), so it must be 4 byte(s) long, but it is 3", 0)]
    [InlineData("01 80 E7", "property map lists 1 EPC(s), so it must be 2 byte(s) long, but it is 3", 0)]
    [InlineData("02 80 12", "property map lists EPC 0x12, outside 0x80–0xFF", 2)]
    [InlineData("02 E7 E7", "property map lists EPC 0xE7 twice", 2)]
    [InlineData("10 01 01 01", "property map counts 16 EPCs (bitmap form), so it must be 17 bytes long, but it is 4", 0)]
    [InlineData("11 01010101010101010101010101010101", "property map count byte says 17 but the bitmap has 16 bit(s) set", 0)]
    public void Malformed_maps_give_a_precise_error(string hex, string problem, int offset)
    {
        var ok = PropertyMap.TryDecode(Hex.Bytes(hex), out _, out var error);

        Assert.False(ok);
        Assert.Equal(problem, error!.Problem);
        Assert.Equal(offset, error.Offset);
        Assert.Throws<EchonetFormatException>(() => PropertyMap.Decode(Hex.Bytes(hex)));
    }

    [Fact]
    public void Random_bytes_never_throw_from_TryDecode()
    {
        Gen.Byte.Array[0, 20].Sample(bytes =>
        {
            if (PropertyMap.TryDecode(bytes, out var map, out var error))
            {
                Assert.Equal(bytes.Length, map.EncodedLength);
            }
            else
            {
                Assert.InRange(error!.Offset, 0, Math.Max(0, bytes.Length - 1));
            }
        }, iter: 20_000, threads: 1);
    }

    [Fact]
    public void EPCs_below_0x80_cannot_be_added()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PropertyMap.Create(0x7F));
        Assert.False(PropertyMap.Create(0x80).Contains(0x00));
    }

    [Fact]
    public void Encode_into_a_short_span_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PropertyMap.Create(0x80, 0x81).Encode(new byte[2]));
    }
}
