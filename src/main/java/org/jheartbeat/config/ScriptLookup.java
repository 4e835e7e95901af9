package org.jheartbeat.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Finds resource scripts as Heartbeat's ResourceManager does (spec membership §4.3): the first
 * regular executable file among {@code resourceDir/NAME} and {@code initDir/NAME}.
 */
public record ScriptLookup(Path resourceDir, Path initDir) {
  /** Scripts jheartbeat can run itself when no such script is installed. */
  public static final Set<String> BUILTIN_IPADDR = Set.of("IPaddr", "IPaddr2");
  /** Resources that exist only built in (never a script): the demo web server. */
  public static final String BUILTIN_WEB = "jhbweb";
  /** Every resource name jheartbeat can run itself. */
  public static final Set<String> BUILTIN = Set.of("IPaddr", "IPaddr2", BUILTIN_WEB);

  public ScriptLocation locate(String script) {
    if (script.equals(BUILTIN_WEB)) {
      return new ScriptLocation(script, ScriptLocation.Kind.BUILTIN, Optional.empty());
    }
    Path inResourceDir = resourceDir.resolve(script);
    if (isExecutableFile(inResourceDir)) {
      return new ScriptLocation(script, ScriptLocation.Kind.RESOURCE_D, Optional.of(inResourceDir));
    }
    Path inInitDir = initDir.resolve(script);
    if (isExecutableFile(inInitDir)) {
      return new ScriptLocation(script, ScriptLocation.Kind.INIT_D, Optional.of(inInitDir));
    }
    return new ScriptLocation(
        script,
        BUILTIN.contains(script) ? ScriptLocation.Kind.BUILTIN : ScriptLocation.Kind.MISSING,
        Optional.empty());
  }

  private static boolean isExecutableFile(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }
}
