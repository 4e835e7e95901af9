package org.jheartbeat.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's uuid (spec wire §7.7): 16 raw bytes in the state file {@code hb_uuid}, created
 * randomly on first start and kept forever, because peers identify a node by it before its
 * name. With {@code uuidfrom nodename} it is derived from the node name instead, so that a
 * reinstalled node keeps its identity.
 */
public final class UuidFile {
  public static final String FILE_NAME = "hb_uuid";
  private static final Logger log = LoggerFactory.getLogger("heartbeat");

  private UuidFile() {}

  public static byte[] load(Path stateDir, String uuidFrom, String nodeName) throws IOException {
    if (uuidFrom.equals("nodename")) {
      return bytes(UUID.nameUUIDFromBytes(nodeName.getBytes(StandardCharsets.US_ASCII)));
    }
    Path file = stateDir.resolve(FILE_NAME);
    if (Files.isRegularFile(file) && Files.size(file) == 16) {
      return Files.readAllBytes(file);
    }
    log.info("No uuid found for current node - generating a new uuid.");
    byte[] uuid = new byte[16];
    new SecureRandom().nextBytes(uuid);
    uuid[6] = (byte) ((uuid[6] & 0x0f) | 0x40);
    uuid[8] = (byte) ((uuid[8] & 0x3f) | 0x80);
    Files.createDirectories(stateDir);
    Files.write(file, uuid);
    return uuid;
  }

  /** The canonical text form, as Heartbeat's hostcache and logs show a uuid. */
  public static String text(byte[] uuid) {
    ByteBuffer b = ByteBuffer.wrap(uuid);
    return new UUID(b.getLong(), b.getLong()).toString();
  }

  private static byte[] bytes(UUID u) {
    return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
  }
}
