package dev.couponkernel.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.store.CouponQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The service as the README's command starts it: no settings at all (embedded H2, no users configured).
 * The sample coupons are there and active, a second run of the sample data adds nothing, the generated
 * users exist (nobody gets in without their logged password), the health endpoint answers, and the
 * embedded H2 keeps the statement cache the library recommends ({@code H2Files}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DefaultStartTest {

    @LocalServerPort
    int port;

    @Autowired
    CouponKernel kernel;

    @Autowired
    SampleData sampleData;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void theSampleCouponsAreThereOnceAndActive() {
        assertThat(kernel.search(CouponQuery.all(0, 10)).coupons()).extracting(c -> c.definition().code().value())
                .containsExactly("SHIPFREE", "WELCOME10", "XMAS");
        assertThat(kernel.search(CouponQuery.all(0, 10)).coupons()).extracting(CouponRecord::status)
                .containsOnly(CouponStatus.ACTIVE);
        CouponRecord xmas = kernel.search(new CouponQuery("XMAS", java.util.Optional.empty(), 0, 1)).coupons().get(0);
        assertThat(kernel.campaigns().count(xmas.id())).isEqualTo(100);

        sampleData.run(new DefaultApplicationArguments());
        assertThat(kernel.search(CouponQuery.all(0, 10)).total()).isEqualTo(3);
    }

    @Test
    void generatedUsersGuardTheApi() {
        assertThat(ServiceClient.anonymous(port).get("/v1/coupons").status()).isEqualTo(401);
        assertThat(ServiceClient.as(port, "admin", "admin").get("/v1/coupons").status()).isEqualTo(401);
        assertThat(ServiceClient.as(port, "checkout", "checkout").post("/v1/apply", "{}").status()).isEqualTo(401);
        assertThat(ServiceClient.anonymous(port).get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void theEmbeddedDatabaseCachesTheLedgersStatements() throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(dev.couponkernel.jdbc.H2Files.QUERY_CACHE_SIZE);
        }
    }
}
