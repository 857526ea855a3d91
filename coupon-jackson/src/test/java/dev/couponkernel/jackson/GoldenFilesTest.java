package dev.couponkernel.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.core.pricing.PricingRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The wire format is pinned by golden files in {@code src/test/resources/golden}: each sample must
 * write exactly its file and read back from it to an equal value. A change to the format fails
 * here; after a deliberate change, regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenFilesTest {

    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final ObjectMapper PRETTY = CouponJson.strictMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final CouponJson JSON = CouponJson.create();

    @TestFactory
    Stream<DynamicTest> eachSampleWritesAndReadsItsGoldenFile() {
        boolean update = Boolean.getBoolean("golden.update");
        return Samples.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Object value = e.getValue().getKey();
            Class<?> type = e.getValue().getValue();
            Path file = DIR.resolve(e.getKey() + ".json");
            String written = PRETTY.writeValueAsString(value).replace("\r\n", "\n") + "\n";
            if (update) {
                Files.createDirectories(DIR);
                Files.writeString(file, written, StandardCharsets.UTF_8);
            }
            String golden = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(written).as("the JSON written for " + e.getKey()).isEqualTo(golden);
            Object read = JSON.read(golden, type);
            if (value instanceof PricingRequest || value instanceof EligibilityOutcome) {
                assertThat(PRETTY.writeValueAsString(read) + "\n").isEqualTo(golden);
            } else {
                assertThat(read).isEqualTo(value);
            }
        }));
    }

    @Test
    void everyGoldenFileHasASample() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".json", "")))
                    .containsExactlyInAnyOrderElementsOf(Samples.all().keySet());
        }
    }

    @Test
    void everyEventTypeHasAGoldenFile() {
        Map<String, ?> all = Samples.all();
        for (String type : dev.couponkernel.core.internal.wire.FlowWire.EVENT_TYPES) {
            String file = "event-" + type.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            assertThat(all).as(type).containsKey(file);
        }
    }
}
