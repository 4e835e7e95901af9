package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IPaddr's argument form and the computation of netmask, interface, broadcast and alias label. */
class VipPlanTest {
  private static final String LISTING = String.join("\n",
      "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever",
      "2: eth0    inet 192.168.21.10/24 brd 192.168.21.255 scope global eth0\\       valid_lft forever preferred_lft forever",
      "2: eth0    inet 192.168.21.2/24 brd 192.168.21.255 scope global secondary eth0:0\\       valid_lft forever preferred_lft forever",
      "3: eth1@if7    inet 10.1.0.1/16 brd 10.1.255.255 scope global eth1\\       valid_lft forever preferred_lft forever",
      "");

  @ParameterizedTest
  @CsvSource(textBlock = """
      24, 255.255.255.0,   192.168.21.1, 192.168.21.255
      16, 255.255.0.0,     10.1.2.3,     10.1.255.255
      8,  255.0.0.0,       10.1.2.3,     10.255.255.255
      23, 255.255.254.0,   192.168.20.7, 192.168.21.255
      30, 255.255.255.252, 10.0.0.5,     10.0.0.7
      32, 255.255.255.255, 10.0.0.5,     10.0.0.5
      0,  0.0.0.0,         10.0.0.5,     255.255.255.255
      """)
  void netmaskAndBroadcast(int bits, String mask, String addr, String brd) {
    assertThat(Ipv4.netmask(bits)).isEqualTo(mask);
    assertThat(Ipv4.broadcast(addr, bits)).isEqualTo(brd);
  }

  @Test
  void parsesEveryArgumentForm() {
    assertThat(VipArgument.parse("192.168.21.1"))
        .isEqualTo(new VipArgument("192.168.21.1", OptionalInt.empty(), Optional.empty(), Optional.empty()));
    assertThat(VipArgument.parse("192.168.21.1/24/eth0"))
        .isEqualTo(new VipArgument("192.168.21.1", OptionalInt.of(24), Optional.of("eth0"), Optional.empty()));
    assertThat(VipArgument.parse("192.168.21.1/24/eth0/192.168.21.127"))
        .isEqualTo(new VipArgument("192.168.21.1", OptionalInt.of(24), Optional.of("eth0"), Optional.of("192.168.21.127")));
    assertThat(VipArgument.parse("192.168.21.1//eth0").bits()).isEmpty();
  }

  @Test
  void refusesMalformedArguments() {
    assertThatThrownBy(() -> VipArgument.parse("192.168.21")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VipArgument.parse("192.168.21.300/24")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VipArgument.parse("192.168.21.1/33")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VipArgument.parse("192.168.21.1/24/eth0/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VipArgument.parse("1.2.3.4/24/eth0/1.2.3.255/x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesIpOneLineOutput() {
    List<AddrLine> lines = AddrLine.parseAll(LISTING);
    assertThat(lines).containsExactly(
        new AddrLine("lo", "127.0.0.1", 8, Optional.empty(), "lo", false),
        new AddrLine("eth0", "192.168.21.10", 24, Optional.of("192.168.21.255"), "eth0", false),
        new AddrLine("eth0", "192.168.21.2", 24, Optional.of("192.168.21.255"), "eth0:0", true),
        new AddrLine("eth1", "10.1.0.1", 16, Optional.of("10.1.255.255"), "eth1", false));
  }

  @Test
  void calculatesNetmaskInterfaceBroadcastAndTheFirstFreeLabel() {
    VipPlan plan = VipPlan.resolve(VipArgument.parse("192.168.21.1"), AddrLine.parseAll(LISTING));
    assertThat(plan).isEqualTo(new VipPlan("192.168.21.1", 24, "eth0", "192.168.21.255", "eth0:1", true, true));
    assertThat(plan.netmask()).isEqualTo("255.255.255.0");
    assertThat(plan.cidr()).isEqualTo("192.168.21.1/24");
  }

  @Test
  void givenPartsWinOverCalculatedOnes() {
    List<AddrLine> lines = AddrLine.parseAll(LISTING);
    assertThat(VipPlan.resolve(VipArgument.parse("10.1.3.3/24"), lines))
        .isEqualTo(new VipPlan("10.1.3.3", 24, "eth1", "10.1.3.255", "eth1:0", false, true));
    assertThat(VipPlan.resolve(VipArgument.parse("10.1.3.3//eth1"), lines))
        .isEqualTo(new VipPlan("10.1.3.3", 16, "eth1", "10.1.255.255", "eth1:0", true, false));
    assertThat(VipPlan.resolve(VipArgument.parse("172.16.0.1/12/eth9/172.16.0.255"), List.of()))
        .isEqualTo(new VipPlan("172.16.0.1", 12, "eth9", "172.16.0.255", "eth9:0", false, false));
  }

  @Test
  void noMatchingSubnetIsAnError() {
    List<AddrLine> lines = AddrLine.parseAll(LISTING);
    assertThatThrownBy(() -> VipPlan.resolve(VipArgument.parse("172.16.0.1"), lines))
        .hasMessage("Unable to find nic or netmask for 172.16.0.1");
    assertThatThrownBy(() -> VipPlan.resolve(VipArgument.parse("192.168.21.1//eth1"), lines))
        .hasMessage("Unable to find nic or netmask for 192.168.21.1 on eth1");
  }

  @Test
  void theAddressItselfDoesNotCountAsItsSubnet() {
    List<AddrLine> lines = AddrLine.parseAll(
        "2: eth0    inet 192.168.21.2/32 scope global secondary eth0:0\\ valid_lft forever");
    assertThatThrownBy(() -> VipPlan.resolve(VipArgument.parse("192.168.21.2"), lines))
        .isInstanceOf(IllegalStateException.class);
  }
}
