package org.jheartbeat.transport;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.LogThrottle;
import org.junit.jupiter.api.Test;

/**
 * HOUSE-STYLE package arrows for transport: it may use config and wire, nothing above it; from
 * runtime (which depends on nothing) only the clock and the log throttle of its error warnings,
 * not the event loop.
 */
class TransportArchitectureTest {
  @Test
  void transportDependsOnlyOnConfigWireTimeAndLibraries() {
    JavaClasses imported = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.jheartbeat.transport");
    classes().that().resideInAPackage("org.jheartbeat.transport..")
        .should().onlyDependOnClassesThat(or(
            resideInAnyPackage(
                "org.jheartbeat.transport..", "org.jheartbeat.config..", "org.jheartbeat.wire..",
                "java..", "org.slf4j..", "com.sun.jna.."),
            name(Clock.class.getName()),
            name(LogThrottle.class.getName())))
        .check(imported);
  }
}
