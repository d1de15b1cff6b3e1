using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Parsing;

public class StatusAndEchoLineTests
{
    [Fact]
    public void Ok() => Assert.Equal(SkOk.Plain, Parse.Single("OK\r\n"));

    [Fact]
    public void Ok_with_value() => Assert.Equal(new SkOk("01"), Parse.Single("OK 01\r\n"));

    [Fact]
    public void Ropt_reply_ends_with_CR_only_and_the_next_line_still_parses()
    {
        // skstack.md §1: WOPT/ROPT/WUART/RUART replies end with CR only (smdn "OK 00\r", Qiita "OK 01\r").
        var items = Parse.All("ROPT\rOK 01\rEVENT 21 " + Wire.MeterText + " 00\r\n");
        Assert.Equal(
            [new SkEchoLine("ROPT"), new SkOk("01"), new SkEvent(SkEventCode.UdpSendFinished, Wire.Meter, null, 0x00)],
            items);
    }

    [Fact]
    public void CR_only_line_at_the_end_of_data_followed_by_a_late_LF_is_one_line()
    {
        // "OK 00\r" arrives, then (in a later read) "\n": the LF belongs to the CR, not a blank line.
        var items = Parse.Run(new ScriptedPipeReader([Wire.Bytes("OK 00\r"), Wire.Bytes("\nOK\r\n")]));
        Assert.Equal([new SkOk("00"), SkOk.Plain], items);
    }

    [Fact]
    public void Ruart_reply_with_flow_control_bit() => Assert.Equal(new SkOk("80"), Parse.Single("OK 80\r"));

    [Theory]
    [InlineData("FAIL ER04", SkErrorCode.ER04, "command not supported")]
    [InlineData("FAIL ER05", SkErrorCode.ER05, "wrong number of arguments or invalid argument")]
    [InlineData("FAIL ER06", SkErrorCode.ER06, "argument value out of range or malformed")]
    [InlineData("FAIL ER09", SkErrorCode.ER09, "UART input error")]
    [InlineData("FAIL ER10", SkErrorCode.ER10, "command accepted but execution failed (e.g. no PANA session)")]
    [InlineData("FAIL ER01", (SkErrorCode)1, "reserved code")]
    public void Fail_with_code_and_meaning(string line, SkErrorCode code, string meaning)
    {
        var fail = Assert.IsType<SkFail>(Parse.Single(line + "\r\n"));
        Assert.Equal(code, fail.Code);
        Assert.Equal(meaning, fail.Meaning);
    }

    [Theory]
    [InlineData("FAIL")]
    [InlineData("FAIL 04")]
    [InlineData("FAIL ERXX")]
    [InlineData("FAIL ER04 extra")]
    [InlineData("OK 01 02")]
    public void Malformed_status_lines_are_garbled(string line)
    {
        var garbled = Assert.IsType<SkGarbledLine>(Parse.Single(line + "\r\n"));
        Assert.Equal(SkLineError.MalformedLine, garbled.Error);
        Assert.Equal(line, garbled.Preview);
    }

    [Theory]
    [InlineData("SKVER")]
    [InlineData("SKINFO")]
    [InlineData("SKSREG SFE 0")]
    [InlineData("SKSCAN 2 FFFFFFFF 6 0")]
    [InlineData("SKLL64 001D129012345678")]
    [InlineData("SKSENDTO 1 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 0E1A 1 000E ")]
    [InlineData("WOPT 01")]
    public void Echo_lines(string line) => Assert.Equal(new SkEchoLine(line), Parse.Single(line + "\r\n"));

    [Fact]
    public void Bare_CRLF_after_SKSENDTO_with_echo_off_is_a_blank_line()
    {
        // smdn test EchobackLine_OnlyWithCRLF: CRLF, EVENT 21, OK.
        var items = Parse.All($"\r\nEVENT 21 {Wire.MeterText} 00\r\nOK\r\n");
        Assert.Equal([SkBlankLine.Instance, new SkEvent(SkEventCode.UdpSendFinished, Wire.Meter, null, 0), SkOk.Plain], items);
    }

    [Fact]
    public void Echoed_credentials_are_masked_in_the_item()
    {
        var items = Parse.All("SKSETPWD C 0123456789AB\r\nOK\r\nSKSETRBID 00112233445566778899AABBCCDDEEFF\r\nOK\r\n");
        Assert.Equal(new SkEchoLine("SKSETPWD C ************"), items[0]);
        Assert.Equal(new SkEchoLine("SKSETRBID " + new string('*', 32)), items[2]);
    }

    [Fact]
    public void Echo_glued_to_an_ERXUDP_splits_into_echo_and_ERXUDP()
    {
        // Qiita capture: "SKSENDTOERXUDP …" after a stray SKSENDTO was typed (skstack.md §1 echo glue quirk).
        var erxudp = $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 000F 1081000102880105FF017201800130";
        var items = Parse.All("SKSENDTO" + erxudp + "\r\nOK\r\n");
        Assert.Equal(3, items.Count);
        Assert.Equal(new SkEchoLine("SKSENDTO"), items[0]);
        var e = Assert.IsType<Erxudp>(items[1]);
        Assert.Equal(Convert.FromHexString("1081000102880105FF017201800130"), e.Data.ToArray());
        Assert.Equal(SkOk.Plain, items[2]);
    }

    [Fact]
    public void Echo_glued_to_a_binary_ERXUDP_reads_the_payload_by_length()
    {
        byte[] payload = [0x10, 0x81, 0x0D, 0x0A, 0x20, 0x0D];
        var bytes = Wire.Concat(
            Wire.Bytes($"SKSENERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0006 "), payload, Wire.Bytes("\r\n"));
        var items = Parse.All(bytes);
        Assert.Equal(new SkEchoLine("SKSEN"), items[0]);
        var e = Assert.IsType<Erxudp>(items[1]);
        Assert.Equal(payload, e.Data.ToArray());
        Assert.Equal(ErxudpDataMode.Binary, e.DataMode);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public void Echo_glued_to_an_EVENT_splits()
    {
        var items = Parse.All($"SKJOEVENT 21 {Wire.MeterText} 02\r\n");
        Assert.Equal([new SkEchoLine("SKJO"), new SkEvent(SkEventCode.UdpSendFinished, Wire.Meter, null, 0x02)], items);
    }

    [Fact]
    public void LF_only_line_ends_are_accepted() =>
        Assert.Equal([SkOk.Plain, new SkOk("01")], Parse.All("OK\nOK 01\n"));
}
