package org.jheartbeat.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The daemon's pid file, {@code heartbeat.pid} in the runtime directory, held under an
 * exclusive lock for the daemon's whole life. The lock, not the file's existence, says whether
 * a daemon runs: a daemon killed with -9 leaves the file but not the lock, so a stale file
 * never blocks a start nor fools {@code status}.
 */
public final class PidFile implements AutoCloseable {
  public static final String FILE_NAME = "heartbeat.pid";

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private PidFile(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  public static Path in(Path runDir) {
    return runDir.resolve(FILE_NAME);
  }

  /** Takes the lock and writes our pid; fails when another daemon holds it. */
  public static PidFile acquire(Path runDir, long pid) throws IOException {
    Files.createDirectories(runDir);
    Path file = in(runDir);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.READ);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      throw new IOException("another heartbeat daemon is running (pid file " + file + " is locked"
          + running(runDir).stream().mapToObj(p -> " by pid " + p).findFirst().orElse("") + ")");
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    ch.force(true);
    return new PidFile(file, ch, lock);
  }

  /** The pid of the daemon holding the lock, or empty when none runs. */
  public static OptionalLong running(Path runDir) {
    Path file = in(runDir);
    if (!Files.isRegularFile(file)) {
      return OptionalLong.empty();
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock probe;
      try {
        probe = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        probe = null;
      }
      if (probe != null) {
        probe.release();
        return OptionalLong.empty();
      }
      return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
    lock.release();
    channel.close();
  }
}
