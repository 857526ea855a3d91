package dev.couponkernel.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.value.TimeOrderedId;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Time-ordered ids: UUID version 7, ordered by their time, unique, with the time they say. */
class TimeOrderedIdTest {

    @Property
    void anIdSaysItsTimeAndIsAVersion7Uuid(@ForAll @LongRange(min = 0, max = (1L << 48) - 1) long millis) {
        UUID id = TimeOrderedId.at(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).as("RFC 9562's variant").isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Property
    void aLaterMillisecondSortsAfterAsText(@ForAll @LongRange(min = 0, max = (1L << 48) - 2) long millis,
            @ForAll @LongRange(min = 1, max = 1_000_000) long later) {
        long second = Math.min(millis + later, (1L << 48) - 1);
        String a = TimeOrderedId.at(millis).toString();
        String b = TimeOrderedId.at(second).toString();
        assertThat(a.compareTo(b)).as("%s before %s", a, b).isNegative();
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(TimeOrderedId.at(1_764_800_000_000L))).isTrue();
        }
        String now = TimeOrderedId.next();
        long millis = UUID.fromString(now).getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    }

    @Test
    void aTimeOutsideFortyEightBitsIsRefused() {
        assertThatThrownBy(() -> TimeOrderedId.at(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unixMillis");
        assertThatThrownBy(() -> TimeOrderedId.at(1L << 48)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unixMillis");
    }
}
