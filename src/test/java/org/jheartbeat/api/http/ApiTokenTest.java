package org.jheartbeat.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {
  @TempDir Path dir;

  @Test
  void aMissingTokenFileIsCreatedOwnerOnlyWithARandomToken() throws IOException {
    Path file = dir.resolve("api-token");
    ApiToken t = ApiToken.loadOrCreate(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String token = Files.readString(file).strip();
    assertThat(token).matches("[0-9a-f]{64}");
    assertThat(t.accepts("Bearer " + token)).isTrue();
    assertThat(t.toString()).doesNotContain(token);
    Path other = dir.resolve("other");
    ApiToken.loadOrCreate(other);
    assertThat(Files.readString(other)).isNotEqualTo(Files.readString(file));
  }

  @Test
  void anExistingTokenIsKept() throws IOException {
    Path file = dir.resolve("api-token");
    Files.writeString(file, "s3cret\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ApiToken t = ApiToken.loadOrCreate(file);
    assertThat(t.accepts("Bearer s3cret")).isTrue();
    assertThat(t.accepts("Bearer s3cre")).isFalse();
    assertThat(t.accepts("Bearer s3crett")).isFalse();
    assertThat(t.accepts("s3cret")).isFalse();
    assertThat(t.accepts(null)).isFalse();
    assertThat(Files.readString(file)).isEqualTo("s3cret\n");
  }

  @Test
  void aTokenFileReadableByGroupOrOthersIsRefused() throws IOException {
    Path file = dir.resolve("api-token");
    Files.writeString(file, "s3cret\n");
    for (String mode : new String[] {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw-----w-"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      assertThatThrownBy(() -> ApiToken.loadOrCreate(file)).isInstanceOf(IOException.class)
          .hasMessageContaining("accessible by group or others").hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void anEmptyTokenFileOrADirectoryIsRefused() throws IOException {
    Path file = dir.resolve("api-token");
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    assertThatThrownBy(() -> ApiToken.load(file)).hasMessageContaining("empty");
    Path d = Files.createDirectory(dir.resolve("d"));
    assertThatThrownBy(() -> ApiToken.load(d)).hasMessageContaining("not a regular file");
  }
}
