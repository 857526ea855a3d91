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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponkernel.jackson.CouponJson;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.CouponSuspensionLifted;
import dev.couponkernel.spi.event.EventType;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.testkit.DefinitionArbitraries;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The stored form is the wire format's JSON: every definition the SPI can express and every kind of
 * event is stored as the JSON module writes it (compared as JSON trees) and reads back equal. An
 * unknown kind read from storage is a clear error naming it, never a guess (a stored discount type no
 * kernel knows was once read as a shipping discount), an event type is matched by its stable name,
 * and a corrupt value names what is wrong.
 */
class StoredFormTest {

    private static final ObjectMapper TREES = new ObjectMapper();
    private static final CouponJson WIRE = CouponJson.create();
    private static final Instant AT = Instant.parse("2026-12-01T10:15:30.123456Z");

    private static JsonNode tree(String json) throws Exception {
        return TREES.readTree(json);
    }

    @Property(tries = 300)
    void everyDefinitionIsStoredAsTheWireFormatWritesItAndReadsBackEqual(@ForAll("definitions") CouponDefinition d)
            throws Exception {
        String stored = Codecs.encode(d);
        assertThat(tree(stored)).isEqualTo(tree(WIRE.write(d)));
        assertThat(Codecs.decodeDefinition(stored)).isEqualTo(d);
        assertThat(stored).doesNotContain("\n").doesNotContain(" : ");
    }

    @Provide
    Arbitrary<CouponDefinition> definitions() {
        return DefinitionArbitraries.definitions();
    }

    /** One event of each type, with text a hand-written format gets wrong: commas, equals signs, backslashes, quotes, non-ASCII. */
    static List<CouponEvent> oneOfEachType() {
        CouponId id = CouponId.of("c-1");
        CouponCode code = CouponCode.parse("SAVE10");
        Actor actor = Actor.of("staff:zoë");
        String awkward = "a, b = \\ \"c\" {d} [e] é";
        List<FraudSignal> signals = List.of(FraudSignal.of("velocity.device", 55, awkward),
                FraudSignal.of("code-enumeration.ip", 100, "5 unknown codes"));
        UsageId u = UsageId.of("u-1");
        UserId user = UserId.of("alice");
        CheckoutId co = CheckoutId.of("co-1");
        return List.of(new CouponCreated(id, code, AT, actor), new CouponActivated(id, code, AT, actor),
                new CouponSuspended(id, code, AT, actor, awkward), new CouponSuspensionLifted(id, code, AT, actor, awkward),
                new CouponDisabled(id, code, AT, actor, awkward),
                new CouponLimitsChanged(id, code, AT, actor, UsageLimits.of(800, 1)),
                new CouponLimitsChanged(id, code, AT, actor, UsageLimits.unlimited()),
                new CouponApplied(id, code, AT, actor, u, user, co, AT.plusSeconds(900)),
                new CouponRedeemed(id, code, AT, actor, u, user, co, OrderId.of("o-1")),
                new CouponReleased(id, code, AT, actor, u, user, co, awkward),
                new dev.couponkernel.spi.event.CouponReinstated(id, code, AT, actor, u, user, co, OrderId.of("o-1"), awkward),
                new dev.couponkernel.spi.event.CouponCodesAdded(id, code, AT, actor, awkward, 1_000_000),
                new dev.couponkernel.spi.event.CouponCodeVoided(id, CouponCode.parse("K7QX-M3TR"), AT, actor, awkward),
                new CouponRejected(id, code, AT, actor, user, AttemptKind.APPLY, RejectionReason.SUSPECTED_FRAUD,
                        FraudScore.of(100), signals),
                new SecurityAlertRaised(id, code, AT, actor, AlertLevel.BLOCK, user, FraudScore.of(80), signals, awkward),
                new SecurityAlertRaised(id, code, AT, actor, AlertLevel.REVIEW, null, FraudScore.of(0), List.of(), awkward));
    }

    @Test
    void everyKindOfEventIsStoredAsTheWireFormatWritesItAndReadsBackEqual() throws Exception {
        List<CouponEvent> events = oneOfEachType();
        assertThat(events.stream().map(CouponEvent::type).distinct()).containsExactlyInAnyOrder(EventType.values());
        for (CouponEvent e : events) {
            String stored = Codecs.encode(e);
            assertThat(tree(stored)).as(e.type().wireName()).isEqualTo(tree(WIRE.write(e)));
            assertThat(Codecs.decodeEvent(e.type().wireName(), stored)).isEqualTo(e);
        }
    }

    @Test
    void signalsAreStoredAsAJsonArrayInOrder() {
        List<FraudSignal> signals = List.of(FraudSignal.of("b", 1, "x, y = z"), FraudSignal.of("a", 2, "\\"));
        String stored = Codecs.encodeSignals(signals);
        assertThat(stored).startsWith("[");
        assertThat(Codecs.decodeSignals(stored)).isEqualTo(signals);
        assertThat(Codecs.decodeSignals("[]")).isEmpty();
    }

    @Test
    void aCorruptStoredValueNamesWhatIsWrong() {
        String stored = Codecs.encode(CouponDefinition.builder("SAVE10").percentOff(10).build());
        assertThatThrownBy(() -> Codecs.decodeDefinition("code=SAVE10\n")).isInstanceOf(StorageException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Codecs.decodeDefinition(stored.replace("\"percent\":\"10\",", "")))
                .isInstanceOf(StorageException.class).hasMessageContaining("no discount.percent");
        assertThatThrownBy(() -> Codecs.decodeDefinition(stored.replace("\"minQuantity\":0", "\"minQuantity\":\"0\"")))
                .isInstanceOf(StorageException.class).hasMessageContaining("eligibility.minQuantity is not an integer");
        assertThatThrownBy(() -> Codecs.decodeDefinition(stored + "{}")).isInstanceOf(StorageException.class)
                .hasMessageContaining("text after the JSON value");
        assertThatThrownBy(() -> Codecs.decodeDefinition(stored.replace("{\"code\":\"SAVE10\",", "{\"code\":\"SAVE10\",\"code\":\"X\",")))
                .isInstanceOf(StorageException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Codecs.decodeDefinition(stored.replace("\"PERCENT\"", "\"percent\"")))
                .isInstanceOf(StorageException.class).hasMessageContaining("unknown stored discount type 'percent'");

        String created = Codecs.encode(new CouponCreated(CouponId.of("c-1"), CouponCode.parse("SAVE10"), AT, Actor.of("staff:test")));
        assertThatThrownBy(() -> Codecs.decodeEvent("CouponActivated", created)).isInstanceOf(StorageException.class)
                .hasMessageContaining("stored event of type CouponActivated holds a CouponCreated");
        assertThatThrownBy(() -> Codecs.decodeEvent("CouponCreated", created.replace("\"schemaVersion\":1", "\"schemaVersion\":2")))
                .isInstanceOf(StorageException.class).hasMessageContaining("schemaVersion 2");
        assertThatThrownBy(() -> Codecs.decodeSignals("{}")).isInstanceOf(StorageException.class)
                .hasMessageContaining("not a JSON array");
    }

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
