package org.jheartbeat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jheartbeat.testkit.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlAccessTest {
  private final AtomicLong now = new AtomicLong();
  private final ControlAccess access = new ControlAccess("hbuser",
      group -> group.equals("haclient") ? List.of("alice") : List.of(), now::get);

  @Test
  void rootTheDaemonsUserAndGroupHaclientAreAllowed() {
    assertThat(access.allows("root", "root")).isTrue();
    assertThat(access.allows("hbuser", "users")).isTrue();
    assertThat(access.allows("bob", "haclient")).isTrue();
    assertThat(access.allows("alice", "users")).as("member listed in the group database").isTrue();
  }

  @Test
  void everyoneElseIsRefused() {
    assertThat(access.allows("nobody", "nogroup")).isFalse();
    assertThat(access.allows("bob", "users")).isFalse();
    assertThat(access.allows("65534", "65534")).isFalse();
    assertThat(access.allows("Root", "root")).as("names are exact").isFalse();
  }

  @Test
  void refusalsAreLoggedAtMostOnceEveryTenSecondsWithTheNumberHeldBack() {
    try (LogCapture logs = new LogCapture("org.jheartbeat.api")) {
      for (int i = 0; i < 5; i++) {
        access.refused("nobody", "nogroup");
        now.addAndGet(1_000_000_000L);
      }
      assertThat(logs.lines()).containsExactly("WARN: control socket: refused a client running as user nobody"
          + " group nogroup: only root, hbuser and group haclient may use it");
      now.addAndGet(5_000_000_000L);
      access.refused("mallory", "users");
      assertThat(logs.lines()).hasSize(2).last().asString()
          .endsWith("user mallory group users: only root, hbuser and group haclient may use it (4 more refusals not logged)");
    }
  }

  @Test
  void membersAreReadFromAGroupFile(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("group");
    Files.writeString(file, "root:x:0:\nhaclient:x:105:alice, bob\nhaclientx:x:106:eve\nbroken\n");
    assertThat(ControlAccess.membersIn(file, "haclient")).containsExactly("alice", "bob");
    assertThat(ControlAccess.membersIn(file, "root")).isEmpty();
    assertThat(ControlAccess.membersIn(tmp.resolve("missing"), "haclient")).isEmpty();
  }
}
