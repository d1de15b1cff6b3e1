using BRoute.EchonetLite.Frames;
using BRoute.Notifications;
using BRoute.Tests.TestSupport;

namespace BRoute.Tests.Notifications;

public sealed class NotificationRouterTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    [Fact]
    public void Qiita_capture_ea_and_eb_become_typed_half_hour_values()
    {
        var n = NotificationRouter.Route(Golden.Frame(Golden.InfEaEb));
        Assert.Equal(
            [
                new FixedTimeEnergyNotification(EnergyDirection.Normal, new DateTimeOffset(2023, 12, 19, 0, 30, 0, Jst), 17806),
                new FixedTimeEnergyNotification(EnergyDirection.Reverse, new DateTimeOffset(2023, 12, 19, 0, 30, 0, Jst), 21),
            ],
            n);
    }

    [Fact]
    public void Seed_instance_list_names_the_smart_meter()
    {
        var n = Assert.Single(NotificationRouter.Route(Golden.Frame(Golden.InstanceListInf)));
        var list = Assert.IsType<InstanceListNotification>(n);
        Assert.Equal([Eoj.SmartMeter], list.Instances);
    }

    [Fact]
    public void No_data_and_unset_date_are_states_not_numbers()
    {
        var frame = Golden.Frame("1081000102880105FF017301EA0BFFFFFFFFFFFFFFFFFFFFFE");
        Assert.Equal(new FixedTimeEnergyNotification(EnergyDirection.Normal, null, null), Assert.Single(NotificationRouter.Route(frame)));
    }

    [Theory]
    [InlineData("1081000102880105FF017301EA0A07E70C13001E00000045", "EA/EB data is 10 bytes")]
    [InlineData("108100000EF0010EF0017301D50402028801", "D5 data is 4 bytes")]
    [InlineData("108100000EF0010EF0017301D500", "D5 data is 0 bytes")]
    public void Malformed_properties_are_reported_not_guessed(string hex, string problem)
    {
        var n = Assert.IsType<MalformedNotification>(Assert.Single(NotificationRouter.Route(Golden.Frame(hex))));
        Assert.StartsWith(problem, n.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_properties_pass_through()
    {
        var n = Assert.IsType<OtherNotification>(Assert.Single(NotificationRouter.Route(Golden.Frame("1081000102880105FF017301800130"))));
        Assert.Equal(Eoj.SmartMeter, n.Source);
        Assert.Equal(new EchonetProperty(0x80, new byte[] { 0x30 }), n.Property);
    }

    [Fact]
    public void Infc_res_has_the_same_tid_swapped_objects_and_pdc_0_exactly_as_echonet_lite_md_10()
    {
        var infc = Golden.Frame("1081123402880105FF017401EA0B07E70C13001E000000458E");
        Assert.True(NotificationRouter.NeedsResponse(infc));
        var res = NotificationRouter.BuildInfcResponse(infc);
        Assert.Equal("1081123405FF010288017A01EA00", Golden.Hex(res));
    }

    [Fact]
    public void Infc_res_to_several_epcs_and_to_an_all_instances_deoj()
    {
        var infc = Golden.Frame("1081000702880105FF007402EA0B07E70C13001E000000458EEB0B07E70C13001E0000000015");
        Assert.Equal("1081000705FF010288017A02EA00EB00", Golden.Hex(NotificationRouter.BuildInfcResponse(infc)));
    }

    [Fact]
    public void Infc_res_to_an_all_instances_node_profile_answers_as_instance_1_and_a_given_controller_instance_is_used()
    {
        // INFC from the meter's node profile to 0EF000 (all node-profile instances): our node profile is 0EF001.
        var toNodeProfile = Golden.Frame("108100080EF0010EF0007401D50401028801");
        Assert.Equal("108100080EF0010EF0017A01D500", Golden.Hex(NotificationRouter.BuildInfcResponse(toNodeProfile)));

        var toAllControllers = Golden.Frame("1081000702880105FF007401EA0B07E70C13001E000000458E");
        Assert.Equal("1081000705FF020288017A01EA00", Golden.Hex(NotificationRouter.BuildInfcResponse(toAllControllers, new Eoj(0x05, 0xFF, 0x02))));
    }

    [Fact]
    public void Inf_needs_no_response_and_non_notifications_are_refused()
    {
        var inf = Golden.Frame(Golden.InfEaEb);
        Assert.False(NotificationRouter.NeedsResponse(inf));
        Assert.Throws<ArgumentException>(() => NotificationRouter.BuildInfcResponse(inf));
        Assert.Throws<ArgumentException>(() => NotificationRouter.Route(Golden.Frame(Golden.GetResE7)));
    }
}
