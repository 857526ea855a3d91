package dev.couponkernel.jpa;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Jakarta Persistence is optional: the SPI, the core and the JDBC storage never touch it, and the
 * JPA storage's main code depends on the standard API only, never on a provider.
 */
@AnalyzeClasses(packages = "dev.couponkernel", importOptions = ImportOption.DoNotIncludeTests.class)
class JpaArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheJpaStorageUsesJpa = noClasses()
            .that().resideInAnyPackage("dev.couponkernel.spi..", "dev.couponkernel.core..", "dev.couponkernel.jdbc..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..")
            .because("Jakarta Persistence is optional: nothing but coupon-jpa may need it");

    @ArchTest
    static final ArchRule noProviderInTheJpaStorage = noClasses()
            .that().resideInAPackage("dev.couponkernel.jpa..")
            .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "org.eclipse.persistence..")
            .because("the storage runs on any Jakarta Persistence 3.1 or 3.2 provider");
}
