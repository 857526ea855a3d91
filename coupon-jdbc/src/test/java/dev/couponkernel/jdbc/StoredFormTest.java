package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An unknown kind read from storage is a clear error naming it, never a guess: a stored discount
 * type no kernel knows was read as a shipping discount, and an event type is matched by its stable
 * name, not by a class name.
 */
class StoredFormTest {

    @Test
    void anUnknownStoredDiscountTypeIsAnErrorNamingIt() {
        String stored = Codecs.encode(CouponDefinition.builder("SAVE10").percentOff(10).build());
        assertThat(Codecs.decodeDefinition(stored).discount().type().name()).isEqualTo("PERCENT");

        assertThatThrownBy(() -> Codecs.decodeDefinition(stored.replace("PERCENT", "BOGO")))
                .isInstanceOf(StorageException.class).hasMessageContaining("unknown stored discount type 'BOGO'");
    }

    @Test
    void anUnknownStoredEventTypeIsAnErrorNamingIt() {
        String stored = Codecs.encode(new CouponCreated(CouponId.of("c-1"), CouponCode.parse("SAVE10"),
                Instant.parse("2026-12-01T00:00:00Z"), Actor.of("staff:test")));
        assertThat(Codecs.decodeEvent("CouponCreated", stored)).isInstanceOf(CouponCreated.class);

        assertThatThrownBy(() -> Codecs.decodeEvent("CouponStolen", stored)).isInstanceOf(StorageException.class)
                .hasMessageContaining("unknown stored event type 'CouponStolen'");
    }
}
