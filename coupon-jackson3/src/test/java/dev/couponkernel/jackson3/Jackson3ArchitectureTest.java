package dev.couponkernel.jackson3;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The Jackson 3 module is an adapter: no Jackson 2, and no codec of its own beside the shared one. */
@AnalyzeClasses(packages = "dev.couponkernel.jackson3", importOptions = ImportOption.DoNotIncludeTests.class)
class Jackson3ArchitectureTest {

    @ArchTest
    static final ArchRule noJackson2 = noClasses()
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("a Jackson 3 host must not need Jackson 2's databind");

    @ArchTest
    static final ArchRule theCodecIsTheSharedOne = noClasses()
            .that().resideOutsideOfPackage("dev.couponkernel.jackson3.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.couponkernel.spi.value..", "dev.couponkernel.spi.coupon..",
                    "dev.couponkernel.core.pricing..")
            .because("the module maps types through WireTypes, written once for both Jackson modules");
}
