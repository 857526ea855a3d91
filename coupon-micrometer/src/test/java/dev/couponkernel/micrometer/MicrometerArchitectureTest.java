package dev.couponkernel.micrometer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** coupon-jdbc is optional here: only the JDBC meters see it; nothing needs Spring or the library's internals. */
@AnalyzeClasses(packages = "dev.couponkernel.micrometer", importOptions = ImportOption.DoNotIncludeTests.class)
class MicrometerArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheJdbcMetersSeeTheJdbcStorage = noClasses()
            .that().haveNameNotMatching("dev\\.couponkernel\\.micrometer\\.JdbcStorageMetrics(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("dev.couponkernel.jdbc..")
            .because("a host on another storage loads every other class without coupon-jdbc");

    @ArchTest
    static final ArchRule noSpringNoInternals = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.couponkernel..internal..")
            .because("usable without Spring, through the library's public API");
}
