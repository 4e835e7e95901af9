package org.jheartbeat.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package arrows and bans of HOUSE-STYLE.md: pure domain packages touch no sockets,
 * processes, threads or clocks; only the CLI exits the JVM or writes to System.out.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.jheartbeat");
  }

  @Test
  void configDependsOnNoOtherJheartbeatPackage() {
    noClasses().that().resideInAPackage("org.jheartbeat.config..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.jheartbeat.api..", "org.jheartbeat.cli..", "org.jheartbeat.platform..",
            "org.jheartbeat.runtime..", "org.jheartbeat.wire..", "org.jheartbeat.transport..",
            "org.jheartbeat.membership..", "org.jheartbeat.resources..", "org.jheartbeat.daemon..")
        .check(classes);
  }

  @Test
  void domainPackagesUseNoSocketsProcessesOrThreads() {
    noClasses().that().resideInAnyPackage(
            "org.jheartbeat.config..", "org.jheartbeat.wire..", "org.jheartbeat.membership..",
            "org.jheartbeat.resources..")
        .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
        .orShould().dependOnClassesThat().haveFullyQualifiedName(Thread.class.getName())
        .check(classes);
  }

  @Test
  void domainPackagesNeverReadTheSystemClock() {
    noClasses().that().resideInAnyPackage(
            "org.jheartbeat.config..", "org.jheartbeat.wire..", "org.jheartbeat.membership..",
            "org.jheartbeat.resources..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .check(classes);
  }

  @Test
  void onlyTheCliExitsTheJvm() {
    noClasses().that().resideOutsideOfPackage("org.jheartbeat.cli..")
        .should().callMethod(System.class, "exit", int.class)
        .check(classes);
  }

  @Test
  void onlyTheCliWritesToStandardOutput() {
    noClasses().that().resideOutsideOfPackage("org.jheartbeat.cli..")
        .should().accessField(System.class, "out")
        .check(classes);
  }
}
