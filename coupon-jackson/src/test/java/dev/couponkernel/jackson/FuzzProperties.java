package dev.couponkernel.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutated and truncated JSON of every sample: reading either yields a complete value (one that
 * writes and reads back the same) or fails with {@link CouponJsonException} through
 * {@link CouponJson}, and with a Jackson {@link JsonProcessingException} through a plain mapper.
 * Never a NullPointerException, an IllegalArgumentException, a domain exception or a half-built
 * object.
 */
class FuzzProperties {

    private static final CouponJson JSON = CouponJson.create();
    private static final ObjectMapper PLAIN = new ObjectMapper().registerModule(new CouponKernelModule());
    private static final ObjectMapper TREE = new ObjectMapper();
    private static final List<Map.Entry<Object, Class<?>>> SAMPLES = new ArrayList<>(Samples.all().values());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<JsonNode> ODD_VALUES = List.of(F.nullNode(), F.textNode(""), F.textNode("x"), F.numberNode(1.5),
            F.numberNode(-1), F.numberNode(0), F.numberNode(new BigInteger("92233720368547758070")), F.booleanNode(true),
            F.arrayNode(), F.objectNode(), F.textNode("EUR"), F.textNode("2026-01-01T00:00:00Z"), F.textNode("-0.01"),
            F.textNode("1e9999999"), F.textNode("\u0000"), F.textNode("LOCKED"), F.textNode("CouponApplied"));

    @Provide
    Arbitrary<Integer> samples() {
        return Arbitraries.integers().between(0, SAMPLES.size() - 1);
    }

    @Property(tries = 3000)
    void mutatedJsonYieldsAWholeValueOrTheDocumentedException(@ForAll("samples") int sample, @ForAll long seed) throws Exception {
        Map.Entry<Object, Class<?>> s = SAMPLES.get(sample);
        Random random = new Random(seed);
        String original = JSON.write(s.getKey());
        int kind = random.nextInt(8);
        String mutated = kind < 4 ? textMutation(original, kind, random) : treeMutation(original, kind, random);
        Class<?> type = s.getValue();

        try {
            Object value = JSON.read(mutated, type);
            String written = JSON.write(value);
            assertThat(JSON.write(JSON.read(written, type))).isEqualTo(written);
            Statistics.collect("read");
        } catch (CouponJsonException e) {
            assertThat(e.jsonPath()).startsWith("$");
            assertThat(e.problem()).isNotBlank();
            Statistics.collect("refused");
        }

        try {
            PLAIN.readValue(mutated, type);
        } catch (JsonProcessingException expected) {
            // Jackson's own exception type, CouponJsonException among them
        }
    }

    private static String textMutation(String json, int kind, Random random) {
        int at = random.nextInt(json.length());
        String chars = "{}[]\":,.-0123456789eE aZ\\nul";
        return switch (kind) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + json.substring(at + 1);
            case 2 -> json.substring(0, at) + chars.charAt(random.nextInt(chars.length())) + json.substring(at);
            default -> json.substring(0, at) + chars.charAt(random.nextInt(chars.length())) + json.substring(at + 1);
        };
    }

    private static String treeMutation(String json, int kind, Random random) throws Exception {
        JsonNode root = TREE.readTree(json);
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (kind) {
                case 4, 5 -> o.set(name, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                case 6 -> o.remove(name);
                default -> o.put("unexpected" + random.nextInt(3), "value");
            }
        } else if (target instanceof ArrayNode a && a.size() > 0) {
            int i = random.nextInt(a.size());
            if (kind == 6) {
                a.remove(i);
            } else {
                a.set(i, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
            }
        } else if (target instanceof ArrayNode a) {
            a.add(ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
        }
        return TREE.writeValueAsString(root);
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }
}
