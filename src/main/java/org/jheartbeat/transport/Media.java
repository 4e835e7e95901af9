package org.jheartbeat.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.MediumSpec;
import org.jheartbeat.config.PingNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the media of an ha.cf (spec wire §5), unopened: bcast/ucast/mcast in file order, then one
 * {@link PingMedium} per ping/ping_group node. All UDP media share the given {@link UdpReceivers}
 * (one receive socket per port). {@code serial} was accepted by validation with a warning; it is
 * skipped here with a log line, since jheartbeat has no serial transport (§5.4: not needed for
 * UDP interoperability).
 */
public final class Media {
  private static final Logger LOG = LoggerFactory.getLogger(Media.class);

  private Media() {}

  /** The media of {@code cf}, in order; nothing is opened. */
  public static List<Medium> of(HaCf cf, UdpReceivers receivers) {
    Objects.requireNonNull(receivers);
    List<Medium> out = new ArrayList<>();
    for (MediumSpec spec : cf.media()) {
      Medium m = of(spec, receivers);
      if (m != null) {
        out.add(m);
      }
    }
    for (PingNode p : cf.pingNodes()) {
      out.add(new PingMedium(p));
    }
    return List.copyOf(out);
  }

  /** The medium of one spec, or {@code null} for {@code serial} (logged). */
  public static Medium of(MediumSpec spec, UdpReceivers receivers) {
    if (spec instanceof MediumSpec.Bcast b) {
      return new BcastMedium(b, receivers);
    }
    if (spec instanceof MediumSpec.Ucast u) {
      return new UcastMedium(u, receivers);
    }
    if (spec instanceof MediumSpec.Mcast m) {
      return new McastMedium(m);
    }
    LOG.warn("{}: jheartbeat has no serial transport; medium skipped", spec.configText());
    return null;
  }
}
