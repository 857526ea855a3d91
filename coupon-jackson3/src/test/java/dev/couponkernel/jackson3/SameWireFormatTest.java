package dev.couponkernel.jackson3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.jackson.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson 3 module writes and reads coupon-jackson's golden files: each sample's JSON is the
 * Jackson 2 module's, byte for byte, the same document as its golden file, and the golden file
 * reads back to an equal value.
 */
class SameWireFormatTest {

    private static final Path GOLDEN = Path.of("../coupon-jackson/src/test/resources/golden");
    private static final CouponJson JSON3 = CouponJson.create();
    private static final dev.couponkernel.jackson.CouponJson JSON2 = dev.couponkernel.jackson.CouponJson.create();
    private static final JsonMapper TREE = JsonMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> eachSampleWritesAndReadsItsGoldenFile() {
        assertThat(Samples.all()).hasSizeGreaterThan(30);
        return Samples.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Object value = e.getValue().getKey();
            Class<?> type = e.getValue().getValue();
            String golden = Files.readString(GOLDEN.resolve(e.getKey() + ".json"), StandardCharsets.UTF_8);
            String written = JSON3.write(value);
            assertThat(written).as("Jackson 3 writes what Jackson 2 writes").isEqualTo(JSON2.write(value));
            JsonNode writtenTree = TREE.readTree(written);
            assertThat(writtenTree).as("the golden file's document").isEqualTo(TREE.readTree(golden));
            Object read = JSON3.read(golden, type);
            if (value instanceof PricingRequest || value instanceof EligibilityOutcome) {
                assertThat(TREE.readTree(JSON3.write(read))).isEqualTo(writtenTree);
            } else {
                assertThat(read).isEqualTo(value);
            }
        }));
    }
}
