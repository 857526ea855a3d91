package dev.couponkernel.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * Storage knows nothing of pricing rules: coupon-jdbc depends on the SPI, the JDK, JDBC and, each in
 * one class, Jackson's streaming core (the stored JSON) and Caffeine (the validation cache); the Java
 * migrations alone see Flyway.
 */
@AnalyzeClasses(packages = {"dev.couponkernel.jdbc", "db.couponkernel"}, importOptions = ImportOption.DoNotIncludeTests.class)
class JdbcArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnTheSpiAndJdbcOnly = noClasses()
            .that().resideInAPackage("dev.couponkernel.jdbc..")
            .should().dependOnClassesThat().resideOutsideOfPackages(
                    "dev.couponkernel.jdbc..", "dev.couponkernel.spi..", "java..", "javax.sql..", "com.fasterxml.jackson.core..",
                    "com.github.benmanes.caffeine..")
            .because("storage knows nothing of pricing rules and needs no framework");

    @ArchTest
    static final ArchRule noSpringMicrometerOrJacksonDatabind = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.micrometer..",
                    "com.fasterxml.jackson.databind..", "tools.jackson..")
            .because("the storage runs without a framework; jackson-core's streaming parser in Codecs is its one"
                    + " JSON dependency (ADR 13), and Spring's transactions reach it through joinTransactions only");

    @ArchTest
    static final ArchRule jsonIsWrittenInOnePlace = noClasses()
            .that().haveNameNotMatching("dev\\.couponkernel\\.jdbc\\.internal\\.Codecs(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("the stored form is one codec");

    @ArchTest
    static final ArchRule cachingIsInOnePlace = noClasses()
            .that().haveNameNotMatching("dev\\.couponkernel\\.jdbc\\.CouponCache(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("com.github.benmanes.caffeine..")
            .because("the validation cache is the only cache, and its statistics are the library's own type");

    @ArchTest
    static final ArchRule migrationsOnlyCallTheUpgrade = noClasses()
            .that().resideInAPackage("db.couponkernel..")
            .should().dependOnClassesThat().resideOutsideOfPackages("db.couponkernel..", "java..",
                    "org.flywaydb.core.api.migration..", "dev.couponkernel.jdbc.internal..")
            .because("Flyway is optional: only the migration classes, which Flyway alone loads, may see it");

    @ArchTest
    static final ArchRule nothingElseSeesFlyway = noClasses()
            .that().resideInAPackage("dev.couponkernel..")
            .should().dependOnClassesThat().resideInAPackage("org.flywaydb..")
            .because("hosts without Flyway must be able to load every other class");

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
}
