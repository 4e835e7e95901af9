package org.jheartbeat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jheartbeat.config.AuthKeys;
import org.jheartbeat.config.AuthKeysParser;
import org.jheartbeat.config.Problem;
import org.jheartbeat.config.Problems;
import org.jheartbeat.wire.Authenticator;
import org.jheartbeat.wire.DecodeResult;
import org.jheartbeat.wire.Encoding;
import org.jheartbeat.wire.Field;
import org.jheartbeat.wire.FieldType;
import org.jheartbeat.wire.Message;
import org.jheartbeat.wire.PacketDecoder;
import org.jheartbeat.wire.VerifyResult;
import org.jheartbeat.wire.pcap.CapturedPayload;
import org.jheartbeat.wire.pcap.PcapReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jheartbeat decode}: prints heartbeat packets field by field and checks their
 * authentication with an authkeys file, as the real receiver would (spec wire §2, §4).
 */
@Command(
    name = "decode",
    header = "Decode and authenticate captured heartbeat packets.",
    mixinStandardHelpOptions = true,
    description = {
      "Decode heartbeat packets from a raw payload file (starting with ### or >>>) or a pcap",
      "capture (every UDP packet to or from the port, every ICMP echo payload that is a",
      "heartbeat packet), print every field and, with -k, check authentication the way",
      "heartbeat 3.0.6 does (trailer: algorithm of its index, key of our own 'auth' index).",
      "Exit status: 0 every packet decoded (and verified, with -k), 1 a packet failed,",
      "2 bad command line, unreadable input or invalid authkeys."
    })
public final class DecodeCommand implements Callable<Integer> {
  @Option(names = {"-k", "--authkeys"}, paramLabel = "AUTHKEYS",
      description = "authkeys file to verify with (mode 600, as heartbeat requires).")
  Path authkeys;

  @Option(names = "--port", paramLabel = "N", defaultValue = "694",
      description = "UDP port of heartbeat traffic in a pcap (default: ${DEFAULT-VALUE}).")
  int port;

  @Parameters(paramLabel = "FILE|-", description = "payload or pcap file; - reads standard input.")
  String input;

  @Spec CommandSpec spec;

  private int total;
  private int verified;
  private int failed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Authenticator> auth = Optional.empty();
    if (authkeys != null) {
      Problems problems = new Problems();
      Optional<AuthKeys> keys = AuthKeysParser.parse(authkeys, problems);
      for (Problem p : problems.list()) {
        err.println(p.format());
      }
      if (keys.isEmpty() || problems.hasErrors()) {
        err.println(authkeys + ": invalid authkeys");
        return 2;
      }
      auth = Optional.of(new Authenticator(keys.get()));
    }
    byte[] data;
    try {
      data = input.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(input));
    } catch (IOException e) {
      err.println(input + ": cannot read: " + e.getMessage());
      return 2;
    }
    if (PcapReader.isPcap(data)) {
      for (CapturedPayload p : PcapReader.read(data)) {
        byte[] payload = p.payload();
        boolean udp = p.medium() == CapturedPayload.Medium.UDP
            && (p.source().port() == port || p.destination().port() == port);
        boolean icmp = p.medium() != CapturedPayload.Medium.UDP
            && Encoding.detect(payload).isPresent();
        if (udp || icmp) {
          out.printf("#%d %s %s -> %s %s %d bytes%n", p.frame(),
              Instant.ofEpochSecond(p.epochSecond(), p.nanos()), p.source(), p.destination(),
              p.medium().label(), payload.length);
          packet(payload, auth, out);
        }
      }
    } else {
      out.printf("%s: %d bytes%n", input, data.length);
      packet(data, auth, out);
    }
    out.printf("%d packets, %d verified, %d failed%n", total, verified, failed);
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  private void packet(byte[] payload, Optional<Authenticator> auth, PrintWriter out) {
    total++;
    if (auth.isEmpty()) {
      DecodeResult r = PacketDecoder.decode(payload);
      if (r.ok()) {
        fields(r.message().orElseThrow(), "  ", out);
        out.println("  auth: not checked (no -k)");
      } else {
        failed++;
        out.println("  decode FAILED (" + r.reason() + ")");
      }
      return;
    }
    VerifyResult v = auth.get().verify(payload);
    v.message().ifPresent(m -> fields(m, "  ", out));
    if (v.ok()) {
      verified++;
      out.printf("  auth: ok (index %d %s)%n", v.index().orElse(-1),
          v.method().map(x -> x.configName()).orElse("?"));
    } else {
      failed++;
      out.println("  auth: FAILED (" + v.reason() + ")");
    }
  }

  private static void fields(Message message, String indent, PrintWriter out) {
    for (Field f : message.fields()) {
      String prefix = f.type() == FieldType.STRING ? "" : "(" + f.type().digit() + ")";
      switch (f.type()) {
        case STRUCT, UNCOMPRESSED -> {
          out.println(indent + prefix + f.name() + "=");
          fields(f.struct(), indent + "    ", out);
        }
        case STRING, LIST -> out.println(indent + prefix + f.name() + "=" + printable(f.bytes()));
        default -> {
          byte[] b = f.bytes();
          String uuid = "";
          if (b.length == 16) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            uuid = " (" + new UUID(buf.getLong(), buf.getLong()) + ")";
          }
          out.println(indent + prefix + f.name() + "=" + HexFormat.of().formatHex(b) + uuid);
        }
      }
    }
  }

  /** Text with control and non-ASCII bytes escaped, so that one field stays on one line. */
  private static String printable(byte[] bytes) {
    StringBuilder b = new StringBuilder();
    for (byte x : bytes) {
      int c = x & 0xFF;
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '\\') {
        b.append("\\\\");
      } else if (c < 0x20 || c >= 0x7F) {
        b.append(String.format("\\x%02x", c));
      } else {
        b.append((char) c);
      }
    }
    return b.toString();
  }
}
