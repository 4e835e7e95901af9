package org.jheartbeat.resources;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code ip addr add} will be given for a {@link VipArgument}, computed as IPaddr does when
 * parts are missing: the interface is the one with an existing IPv4 subnet containing the
 * address (the most specific such subnet, primary addresses first; the address itself does not
 * count), the prefix length is that subnet's, the broadcast the network's broadcast address, and
 * the label IPaddr's alias style {@code IFACE:N} with the lowest N not yet used on the interface.
 */
public record VipPlan(String address, int bits, String iface, String broadcast, String label,
    boolean calculatedBits, boolean calculatedIface) {

  /** Resolves {@code arg} against the node's current addresses; throws IllegalStateException. */
  public static VipPlan resolve(VipArgument arg, List<AddrLine> existing) {
    int bits;
    String iface;
    if (arg.bits().isPresent() && arg.iface().isPresent()) {
      bits = arg.bits().getAsInt();
      iface = arg.iface().get();
    } else {
      Optional<AddrLine> subnet = existing.stream()
          .filter(l -> arg.iface().map(l.dev()::equals).orElse(true))
          .filter(l -> !l.address().equals(arg.address()))
          .filter(l -> Ipv4.contains(l.address(), l.prefix(), arg.address()))
          .min(Comparator.comparing(AddrLine::secondary).thenComparing(AddrLine::prefix, Comparator.reverseOrder()));
      if (subnet.isEmpty()) {
        throw new IllegalStateException("Unable to find nic or netmask for " + arg.address()
            + arg.iface().map(i -> " on " + i).orElse(""));
      }
      bits = arg.bits().orElse(subnet.get().prefix());
      iface = arg.iface().orElse(subnet.get().dev());
    }
    String broadcast = arg.broadcast().orElse(Ipv4.broadcast(arg.address(), bits));
    return new VipPlan(arg.address(), bits, iface, broadcast, freeLabel(iface, existing),
        arg.bits().isEmpty(), arg.iface().isEmpty());
  }

  /** {@code IFACE:N} for the lowest N ≥ 0 not used as a label on {@code iface}. */
  public static String freeLabel(String iface, List<AddrLine> existing) {
    Set<String> used = existing.stream().map(AddrLine::label).collect(Collectors.toSet());
    for (int n = 0; ; n++) {
      String label = iface + ":" + n;
      if (!used.contains(label)) {
        return label;
      }
    }
  }

  public String netmask() {
    return Ipv4.netmask(bits);
  }

  /** {@code ADDR/BITS}. */
  public String cidr() {
    return address + "/" + bits;
  }
}
