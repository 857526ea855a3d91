package dev.couponkernel.core.coupon;

import static dev.couponkernel.core.Fixtures.NOW;
import static dev.couponkernel.core.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.IllegalCouponStateException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import org.junit.jupiter.api.Test;

class CouponLifecycleTest {

    private static final CouponDefinition DEFINITION = CouponDefinition.builder("SUMMER10")
            .percentOff(10)
            .validity(ValidityPeriod.between(NOW, NOW.plusSeconds(3600)))
            .limits(UsageLimits.of(100, 1))
            .build();

    @Test
    void createActivateDisableProduceEvents() {
        CouponChange created = Coupon.create(CouponId.of("c1"), DEFINITION, NOW, STAFF);
        assertThat(created.coupon().status()).isEqualTo(CouponStatus.DRAFT);
        assertThat(created.event()).isEqualTo(new CouponCreated(CouponId.of("c1"), DEFINITION.code(), NOW, STAFF));

        CouponChange activated = created.coupon().activate(NOW.plusSeconds(1), STAFF);
        assertThat(activated.coupon().status()).isEqualTo(CouponStatus.ACTIVE);
        assertThat(activated.event()).isInstanceOf(CouponActivated.class);
        assertThat(created.coupon().status()).as("transitions return new coupons").isEqualTo(CouponStatus.DRAFT);

        CouponChange disabled = activated.coupon().disable(NOW.plusSeconds(2), STAFF, "campaign ended");
        assertThat(disabled.coupon().status()).isEqualTo(CouponStatus.DISABLED);
        assertThat(disabled.event()).isInstanceOfSatisfying(CouponDisabled.class,
                e -> assertThat(e.reason()).isEqualTo("campaign ended"));
        assertThat(disabled.coupon().toRecord().updatedAt()).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void aDraftCanBeDisabledDirectly() {
        Coupon draft = Coupon.create(CouponId.of("c1"), DEFINITION, NOW, STAFF).coupon();
        assertThat(draft.disable(NOW, STAFF, "typo in the code").coupon().status()).isEqualTo(CouponStatus.DISABLED);
    }

    @Test
    void illegalTransitionsAreRejected() {
        Coupon active = Coupon.create(CouponId.of("c1"), DEFINITION, NOW, STAFF).coupon().activate(NOW, STAFF).coupon();
        assertThatThrownBy(() -> active.activate(NOW, STAFF))
                .isInstanceOf(IllegalCouponStateException.class)
                .hasMessage("coupon c1 is ACTIVE: only a DRAFT coupon can be activated");
        Coupon disabled = active.disable(NOW, STAFF, "done").coupon();
        assertThatThrownBy(() -> disabled.activate(NOW, STAFF))
                .isInstanceOf(IllegalCouponStateException.class)
                .hasMessageContaining("is DISABLED");
        assertThatThrownBy(() -> disabled.disable(NOW, STAFF, "again"))
                .isInstanceOf(IllegalCouponStateException.class)
                .hasMessage("coupon c1 is DISABLED: a disabled coupon cannot be disabled again");
        assertThatThrownBy(() -> active.disable(NOW, STAFF, " "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reason: must not be blank");
    }

    @Test
    void expiresByTimeAndByCount() {
        Coupon coupon = Coupon.create(CouponId.of("c1"), DEFINITION, NOW, STAFF).coupon();
        assertThat(coupon.isExpiredAt(NOW.plusSeconds(3599))).isFalse();
        assertThat(coupon.isExpiredAt(NOW.plusSeconds(3600))).isTrue();
        assertThat(coupon.isUsedUp(99)).isFalse();
        assertThat(coupon.isUsedUp(100)).isTrue();
    }

    @Test
    void recordsRoundTrip() {
        Coupon coupon = Coupon.create(CouponId.of("c1"), DEFINITION, NOW, STAFF).coupon();
        assertThat(Coupon.fromRecord(coupon.toRecord())).isEqualTo(coupon);
    }
}
