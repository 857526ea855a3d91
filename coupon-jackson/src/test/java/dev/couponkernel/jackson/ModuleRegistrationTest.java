package dev.couponkernel.jackson;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.value.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module is found by ServiceLoader, works on a host's own mapper, and the core stays free of Jackson. */
class ModuleRegistrationTest {

    @Test
    void findAndRegisterModulesFindsTheModule() throws Exception {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        assertThat(mapper.getRegisteredModuleIds()).contains("CouponKernelModule");
        assertThat(mapper.writeValueAsString(Money.of("12.34", "EUR"))).isEqualTo("{\"amount\":\"12.34\",\"currency\":\"EUR\"}");
        assertThat(mapper.readValue(mapper.writeValueAsString(Samples.applied()), CouponEvent.class)).isEqualTo(Samples.applied());
    }

    /** A host's DTO holding kernel values: the kernel's types inside it use the wire format and its strictness. */
    record HostOrder(String orderNo, Money total, List<CouponEvent> events) {}

    @Test
    void kernelValuesInsideAHostsOwnTypesUseTheFormat() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new CouponKernelModule());
        HostOrder order = new HostOrder("o-1", Money.of("9.99", "USD"), List.of(Samples.created(), Samples.redeemed()));
        String json = mapper.writeValueAsString(order);
        assertThat(json).contains("\"total\":{\"amount\":\"9.99\",\"currency\":\"USD\"}", "\"type\":\"CouponRedeemed\"");
        assertThat(mapper.readValue(json, HostOrder.class)).isEqualTo(order);

        String bad = json.replace("\"9.99\"", "9.99");
        assertThatThrownBy(() -> mapper.readValue(bad, HostOrder.class))
                .isInstanceOf(CouponJsonException.class)
                .hasMessageContaining("must be a decimal string")
                .hasMessageContaining("HostOrder[\"total\"]");
    }

    /** The version Jackson reports for the module is the build's, not one written into the code. */
    @Test
    void theModuleReportsTheBuildsVersion() {
        String built = System.getProperty("project.version");
        assertThat(built).as("the build passes its version to the tests").isNotBlank();
        com.fasterxml.jackson.core.Version v = new CouponKernelModule().version();
        assertThat(v.toString()).isEqualTo(built);
        assertThat(v.getGroupId()).isEqualTo("dev.couponkernel");
        assertThat(v.getArtifactId()).isEqualTo("coupon-jackson");
    }

    @Test
    void theCoreAndTheSpiHaveNoJacksonDependency() {
        JavaClasses kernel = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.couponkernel.core", "dev.couponkernel.spi");
        assertThat(kernel.size()).isGreaterThan(50);
        noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml..")
                .because("the wire format lives in coupon-jackson; the domain knows nothing of JSON")
                .check(kernel);
    }

    @Test
    void onlyTheApiPackageIsExported() {
        Module module = CouponKernelModule.class.getModule();
        if (module.isNamed()) {
            assertThat(module.getDescriptor().exports()).extracting(e -> e.source()).containsExactly("dev.couponkernel.jackson");
        }
    }
}
