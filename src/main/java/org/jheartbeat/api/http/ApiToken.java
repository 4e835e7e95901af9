package org.jheartbeat.api.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The bearer token that the HTTP API's actions require. It lives in a file only its owner may
 * read ({@code <state-dir>/api-token}); at first start the file is created with mode 0600 and 32
 * random bytes in hex. A token file that group or others may read or write, that is not a
 * regular file, or that is empty is refused: the token would not be a secret. The token is
 * never logged or shown; {@link #toString()} hides it. Comparison is in constant time.
 */
public final class ApiToken {
  public static final String FILE_NAME = "api-token";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final byte[] token;

  private ApiToken(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads the token file, creating it (0600, random token) when it does not exist. */
  public static ApiToken loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      String fresh = HexFormat.of().formatHex(random());
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, fresh + "\n", StandardCharsets.UTF_8);
      } catch (FileAlreadyExistsException e) {
        // created meanwhile by someone else: read it with the same checks
      }
    }
    return load(file);
  }

  /** Reads an existing token file, refusing one that is not private to its owner. */
  public static ApiToken load(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file + " is not a regular file");
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    if (!OWNER_ONLY.containsAll(perms)) {
      throw new IOException(file + " is accessible by group or others (mode "
          + PosixFilePermissions.toString(perms) + "); chmod 600 it");
    }
    String owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
    String me = System.getProperty("user.name");
    if (!owner.equals(me)) {
      throw new IOException(file + " belongs to " + owner + ", not to " + me);
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw new IOException(file + " is empty");
    }
    return new ApiToken(token);
  }

  private static byte[] random() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** Whether an {@code Authorization} header value is {@code Bearer <this token>}. */
  public boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }

  @Override
  public String toString() {
    return "ApiToken[hidden]";
  }
}
