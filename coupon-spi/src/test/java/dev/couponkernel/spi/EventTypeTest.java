package dev.couponkernel.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.EventType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The stable names of the event types are fixed, one per permitted event class, and independent of class names. */
class EventTypeTest {

    @Test
    void theWireNamesArePinned() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::wireName)).containsExactly("CouponCreated",
                "CouponActivated", "CouponSuspended", "CouponSuspensionLifted", "CouponDisabled", "CouponLimitsChanged",
                "CouponApplied", "CouponRedeemed", "CouponReleased", "CouponReinstated", "CouponCodesAdded", "CouponCodeVoided",
                "CouponRejected", "SecurityAlertRaised");
        assertThat(EnumSet.allOf(EventType.class).stream().filter(t -> !t.changesState()))
                .containsExactlyInAnyOrder(EventType.COUPON_REJECTED, EventType.SECURITY_ALERT_RAISED);
    }

    @Test
    void everyPermittedEventClassHasATypeOfItsOwn() {
        Class<?>[] permitted = CouponEvent.class.getPermittedSubclasses();
        assertThat(permitted).hasSize(EventType.values().length);
        Set<String> names = Arrays.stream(permitted).map(Class::getSimpleName).collect(Collectors.toSet());
        // today each stable name equals its class's simple name; the mapping lives in EventType, not in the class name
        assertThat(names).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(EventType::wireName).toList());
    }

    @Test
    void anUnknownNameIsAnErrorNamingIt() {
        assertThatThrownBy(() -> EventType.ofWireName("CouponStolen")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'CouponStolen' is not an event type");
        assertThat(EventType.ofWireName("CouponRedeemed")).isEqualTo(EventType.COUPON_REDEEMED);
    }
}
