package dev.couponkernel.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** Storage knows nothing of pricing rules: coupon-jdbc depends on the SPI, the JDK and JDBC only. */
@AnalyzeClasses(packages = "dev.couponkernel.jdbc", importOptions = ImportOption.DoNotIncludeTests.class)
class JdbcArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnTheSpiAndJdbcOnly = noClasses()
            .that().resideInAPackage("dev.couponkernel.jdbc..")
            .should().dependOnClassesThat().resideOutsideOfPackages(
                    "dev.couponkernel.jdbc..", "dev.couponkernel.spi..", "java..", "javax.sql..")
            .because("storage knows nothing of pricing rules and needs no framework");

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
}
