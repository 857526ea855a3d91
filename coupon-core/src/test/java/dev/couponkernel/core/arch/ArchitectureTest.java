package dev.couponkernel.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The dependency rules of DESIGN.md for coupon-spi and coupon-core, checked on their main classes. */
@AnalyzeClasses(packages = "dev.couponkernel", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule spiDependsOnTheJdkOnly = noClasses()
            .that().resideInAPackage("dev.couponkernel.spi..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.couponkernel.spi..", "java..")
            .because("coupon-spi has no dependencies");

    @ArchTest
    static final ArchRule spiDoesNotKnowTheKernel = noClasses()
            .that().resideInAPackage("dev.couponkernel.spi..")
            .should().dependOnClassesThat().resideInAPackage("dev.couponkernel.core..");

    @ArchTest
    static final ArchRule coreUsesNoFrameworkSqlOrJson = noClasses()
            .that().resideInAPackage("dev.couponkernel.core..")
            .should().dependOnClassesThat().resideOutsideOfPackages(
                    "dev.couponkernel.spi..", "dev.couponkernel.core..", "java.lang..", "java.util..", "java.time..",
                    "java.math..", "java.io..", "java.security..", "org.slf4j..")
            .because("the kernel depends on the SPI and slf4j-api only: no framework, no java.sql, no Jackson");

    @ArchTest
    static final ArchRule noFrameworkMetricsOrJsonLibraryInTheSpiOrTheKernel = noClasses()
            .that().resideInAnyPackage("dev.couponkernel.spi..", "dev.couponkernel.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.micrometer..",
                    "com.fasterxml.jackson..", "tools.jackson..")
            .because("Spring, Micrometer and Jackson live in their own modules (the starter, coupon-micrometer,"
                    + " coupon-jackson and coupon-jackson3), so a host takes only what it uses");

    @ArchTest
    static final ArchRule testkitKnowsOnlyTheSpi = noClasses()
            .that().resideInAPackage("dev.couponkernel.testkit..")
            .should().dependOnClassesThat().resideInAPackage("dev.couponkernel.core..")
            .because("a store's author needs coupon-spi and coupon-testkit only");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.couponkernel.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule onlyTheKernelOutsideTheDomainLogs = noClasses()
            .that().resideInAnyPackage("dev.couponkernel.spi..", "dev.couponkernel.core.coupon..",
                    "dev.couponkernel.core.eligibility..", "dev.couponkernel.core.pricing..", "dev.couponkernel.core.fraud..")
            .should().dependOnClassesThat().resideInAPackage("org.slf4j..")
            .because("the pure domain does not log");
}
