package org.jheartbeat.transport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** HOUSE-STYLE package arrows for transport: it may use config and wire, nothing above it. */
class TransportArchitectureTest {
  @Test
  void transportDependsOnlyOnConfigWireAndLibraries() {
    JavaClasses imported = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.jheartbeat.transport");
    classes().that().resideInAPackage("org.jheartbeat.transport..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "org.jheartbeat.transport..", "org.jheartbeat.config..", "org.jheartbeat.wire..",
            "java..", "org.slf4j..", "com.sun.jna..")
        .check(imported);
  }
}
