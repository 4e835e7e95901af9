package org.jheartbeat.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jheartbeat.wire.ClassicCodec;
import org.jheartbeat.wire.DecodeResult;
import org.jheartbeat.wire.Encoding;
import org.jheartbeat.wire.NetstringCodec;
import org.jheartbeat.wire.Shared;
import org.jheartbeat.wire.pcap.CapturedPayload;
import org.jheartbeat.wire.pcap.PcapReader;

/**
 * The wire seeds: the spec's synthetic and real vectors and every distinct heartbeat packet of
 * every capture (spec pcaps and the real-daemon lab traces), netstring and classic; plus the
 * classic form of each netstring packet that has one, so the classic parser starts from real
 * messages too.
 */
record WireCorpus(List<byte[]> netstring, List<byte[]> classic) {
  /** Bytes the wire syntax gives a meaning to, inserted whole by the byte mutator. */
  static final List<String> DICTIONARY = List.of("###\n", "%%%\n", ">>>\n", "<<<\n", "(0)", "(1)", "(2)",
      "(3)", "(4)", "(5)", "(6)", "(9)", "t=status\n", "auth=1 ", "1 ", "=", "\u0013", "\u0014", "\u001f",
      "\u000f", "2:ab,", "0:,", "1:a,", ",", ":", "src=", "seq=", "ttl=", "\u0000");

  static WireCorpus load() {
    Set<ByteBuffer> all = new LinkedHashSet<>();
    JsonNode json = Shared.vectorsJson();
    for (JsonNode v : json.get("synthetic")) {
      all.add(ByteBuffer.wrap(Shared.hex(v.get("wire_hex"))));
      all.add(ByteBuffer.wrap(Shared.hex(v.get("classic_wire_hex"))));
    }
    for (JsonNode v : json.get("real")) {
      all.add(ByteBuffer.wrap(Shared.hex(v.get("wire_hex"))));
    }
    List<Path> pcaps = new ArrayList<>();
    try (Stream<Path> files = Files.list(Shared.vectors().resolve("pcaps"))) {
      files.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(pcaps::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pcaps.addAll(Shared.find(Shared.dir().resolve("traces/real-heartbeat-3.0.6"), "hb.pcap"));
    for (Path pcap : pcaps) {
      for (CapturedPayload p : PcapReader.read(Shared.read(pcap))) {
        if (Encoding.detect(p.payload()).isPresent()) {
          all.add(ByteBuffer.wrap(p.payload()));
        }
      }
    }
    List<byte[]> netstring = new ArrayList<>();
    Set<ByteBuffer> classic = new LinkedHashSet<>();
    for (ByteBuffer b : all) {
      byte[] packet = b.array();
      if (Encoding.NETSTRING.startsAt(packet, 0)) {
        netstring.add(packet);
        DecodeResult r = NetstringCodec.decode(packet);
        r.message().ifPresent(m -> {
          try {
            classic.add(ByteBuffer.wrap(ClassicCodec.encode(m)));
          } catch (IllegalArgumentException noClassicForm) {
            // e.g. a STRUCT field of Pacemaker's: the netstring seed covers it
          }
        });
      } else {
        classic.add(b);
      }
    }
    return new WireCorpus(netstring, classic.stream().map(ByteBuffer::array).toList());
  }

  List<byte[]> all() {
    List<byte[]> all = new ArrayList<>(netstring);
    all.addAll(classic);
    return all;
  }
}
