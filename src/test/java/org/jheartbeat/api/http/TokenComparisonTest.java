package org.jheartbeat.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API token is accepted only exactly, and compared without an early exit. */
class TokenComparisonTest {
  @TempDir Path dir;

  @Test
  void onlyTheExactTokenAsABearerCredentialIsAccepted() throws IOException {
    Path file = dir.resolve(ApiToken.FILE_NAME);
    ApiToken token = ApiToken.loadOrCreate(file);
    String t = Files.readString(file).strip();
    char last = t.charAt(t.length() - 1);
    String flipped = t.substring(0, t.length() - 1) + (last == '0' ? '1' : '0');
    List<String> refused = List.of("", "Bearer", "Bearer ", t, "Basic " + t, "Token " + t,
        "Bearer " + t.substring(0, t.length() - 1), "Bearer " + t + "0", "Bearer " + flipped,
        "Bearer " + t.toUpperCase(java.util.Locale.ROOT), "Bearer " + t + " " + t, "Bearer token=" + t,
        "Bearer " + t.substring(0, 1));
    assertThat(refused).noneMatch(token::accepts);
    assertThat(token.accepts(null)).isFalse();
    assertThat(token.accepts("Bearer " + t)).isTrue();
    assertThat(token.accepts("bearer  " + t + " ")).as("scheme case and blanks do not matter").isTrue();
  }

  /**
   * An early-exit comparison would leak how many leading characters of a guess are right
   * through the answer time; MessageDigest.isEqual takes the same time for any equal-length
   * input. Timing cannot be measured reliably in a unit test, so the byte code is checked.
   */
  @Test
  void theComparisonIsMessageDigestIsEqualNotAnEarlyExitEquals() {
    JavaMethod accepts = new ClassFileImporter().importClass(ApiToken.class).getMethod("accepts", String.class);
    Set<String> calls = accepts.getMethodCallsFromSelf().stream()
        .map(c -> c.getTargetOwner().getName() + "." + c.getName()).collect(Collectors.toSet());
    assertThat(calls).contains("java.security.MessageDigest.isEqual")
        .doesNotContain("java.lang.String.equals", "java.lang.String.equalsIgnoreCase",
            "java.lang.String.contentEquals", "java.lang.String.compareTo", "java.util.Arrays.equals",
            "java.util.Objects.equals");
  }
}
