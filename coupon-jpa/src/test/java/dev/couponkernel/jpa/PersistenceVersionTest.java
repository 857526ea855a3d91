package dev.couponkernel.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.spi.PersistenceUnitInfo;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Which Jakarta Persistence and Hibernate ORM these tests run on: 3.1 with Hibernate 6 in coupon-jpa,
 * 3.2 with Hibernate 7 when coupon-jpa-hibernate7 runs the same tests (it sets {@code
 * couponkernel.expect.persistence=3.2}), so neither run can silently test the other's versions.
 */
class PersistenceVersionTest {

    @Test
    void theTestsRunOnTheExpectedPersistenceVersionAndProvider() throws Exception {
        boolean expect32 = "3.2".equals(System.getProperty("couponkernel.expect.persistence"));
        boolean has32 = Arrays.stream(PersistenceUnitInfo.class.getMethods())
                .anyMatch(m -> m.getName().equals("getQualifierAnnotationNames"));
        assertThat(has32).as("Jakarta Persistence 3.2 on the class path").isEqualTo(expect32);
        // by reflection: the tests, run from a jar by coupon-jpa-hibernate7, are analysed by the architecture rules too
        String hibernate = (String) Class.forName("org.hibernate.Version").getMethod("getVersionString").invoke(null);
        assertThat(hibernate).startsWith(expect32 ? "7." : "6.");
    }
}
