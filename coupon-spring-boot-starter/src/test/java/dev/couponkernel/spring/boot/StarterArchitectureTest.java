package dev.couponkernel.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The starter wires the library through its public API, as any host could. */
@AnalyzeClasses(packages = "dev.couponkernel.spring", importOptions = ImportOption.DoNotIncludeTests.class)
class StarterArchitectureTest {

    @ArchTest
    static final ArchRule noInternalPackages = noClasses()
            .should().dependOnClassesThat().resideInAPackage("dev.couponkernel..internal..")
            .because("the starter is a host like any other: what it needs, every host may need, so it is API");

    @ArchTest
    static final ArchRule jpaOnlyInItsOwnConfiguration = noClasses()
            .that().haveNameNotMatching("dev\\.couponkernel\\.spring\\.boot\\.CouponKernelJpaConfiguration(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("dev.couponkernel.jpa..", "jakarta.persistence..",
                    "org.springframework.orm..")
            .because("coupon-jpa is optional: a JDBC host must load every other class without it");
}
