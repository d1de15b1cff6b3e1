using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Objects;
using CsCheck;

namespace BRoute.EchonetLite.Tests.Objects;

public class NodeProfileListTests
{
    [Fact]
    public void Seed_trace_D5_is_one_smart_meter()
    {
        var instances = InstanceListCodec.Decode(Hex.Bytes("01028801"));

        Assert.Equal([Eoj.SmartMeter], instances);
        Assert.Equal(Hex.Bytes("01028801"), InstanceListCodec.Encode(instances));
    }

    [Fact]
    public void Empty_instance_list_is_one_zero_byte()
    {
        Assert.Empty(InstanceListCodec.Decode([0x00]));
        Assert.Equal(new byte[] { 0 }, InstanceListCodec.Encode([]));
    }

    [Fact]
    public void Random_instance_lists_up_to_84_round_trip()
    {
        Gen.Byte.Array[3].Select(b => new Eoj(b[0], b[1], b[2])).Array[0, 84].Sample(list =>
        {
            var bytes = InstanceListCodec.Encode(list);

            Assert.Equal(1 + (3 * list.Length), bytes.Length);
            Assert.Equal(list, InstanceListCodec.Decode(bytes));
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void The_largest_instance_list_is_253_bytes()
    {
        var list = Enumerable.Range(1, 84).Select(i => new Eoj(0x02, 0x88, (byte)i)).ToArray();

        Assert.Equal(253, InstanceListCodec.Encode(list).Length);
        Assert.Throws<ArgumentException>(() => InstanceListCodec.Encode([.. list, Eoj.SmartMeter]));
    }

    [Theory]
    [InlineData("", "instance list is empty; it needs at least the count byte")]
    [InlineData("55", "instance list count is 85; at most 84 instances fit")]
    [InlineData("0202880102", "instance list counts 2 EOJ(s), so it must be 7 byte(s) long, but it is 5")]
    [InlineData("0102880101", "instance list counts 1 EOJ(s), so it must be 4 byte(s) long, but it is 5")]
    public void Malformed_instance_lists_give_a_precise_error(string hex, string problem)
    {
        Assert.False(InstanceListCodec.TryDecode(Hex.Bytes(hex), out var list, out var error));
        Assert.Null(list);
        Assert.Equal(problem, error!.Problem);
    }

    [Fact]
    public void Class_list_round_trips_and_is_limited_to_8()
    {
        ushort[] classes = [0x0288, 0x05FF];

        var bytes = ClassListCodec.Encode(classes);

        Assert.Equal(Hex.Bytes("02 0288 05FF"), bytes);
        Assert.Equal(classes, ClassListCodec.Decode(bytes));
        Assert.Throws<ArgumentException>(() => ClassListCodec.Encode(new ushort[9]));
    }

    [Theory]
    [InlineData("", "class list is empty; it needs at least the count byte")]
    [InlineData("09", "class list count is 9; at most 8 classes fit")]
    [InlineData("020288", "class list counts 2 class(es), so it must be 5 byte(s) long, but it is 3")]
    public void Malformed_class_lists_give_a_precise_error(string hex, string problem)
    {
        Assert.False(ClassListCodec.TryDecode(Hex.Bytes(hex), out _, out var error));
        Assert.Equal(problem, error!.Problem);
    }

    [Fact]
    public void Random_bytes_never_throw_from_the_list_decoders()
    {
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            var okInstances = InstanceListCodec.TryDecode(bytes, out var instances, out var e1);
            var okClasses = ClassListCodec.TryDecode(bytes, out var classes, out var e2);

            Assert.Equal(okInstances, e1 is null);
            Assert.Equal(okClasses, e2 is null);
            if (okInstances)
            {
                Assert.Equal(bytes, InstanceListCodec.Encode(instances!));
            }

            if (okClasses)
            {
                Assert.Equal(bytes, ClassListCodec.Encode(classes!));
            }
        }, iter: 20_000, threads: 1);
    }
}
