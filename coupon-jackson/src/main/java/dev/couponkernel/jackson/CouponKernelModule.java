package dev.couponkernel.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.couponkernel.core.internal.wire.JsonIn;
import dev.couponkernel.core.internal.wire.WireReadException;
import dev.couponkernel.core.internal.wire.WireTypes;
import dev.couponkernel.jackson.internal.GeneratorSink;
import dev.couponkernel.jackson.internal.NodeTree;
import java.io.IOException;

/**
 * The Jackson 2 module for the kernel's wire format: value objects, coupons, carts, pricing
 * requests and decisions, the use cases' commands and results, audit entries, events and event
 * envelopes. Register it explicitly ({@code mapper.registerModule(new CouponKernelModule())}) or
 * let {@code ObjectMapper.findAndRegisterModules()} find it through {@link java.util.ServiceLoader}.
 * {@link CouponJson} gives a mapper configured for strict reading.
 *
 * <p>Money is {@code {"amount": "12.34", "currency": "EUR"}}, the amount a decimal string, never a
 * binary number; ids and codes are strings; instants ISO-8601 in UTC. Every reader fails with a
 * {@link CouponJsonException} naming the JSON path. See {@code docs/json.md} for each type.
 *
 * <p>Thread-safe: the serializers and deserializers hold no state.
 */
public final class CouponKernelModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** This module's version, as the build wrote it into {@code coupon-jackson.properties}. */
    private static final Version VERSION = buildVersion();

    private static Version buildVersion() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = CouponKernelModule.class.getResourceAsStream("coupon-jackson.properties")) {
            if (in == null) {
                throw new IllegalStateException("coupon-jackson.properties is missing from the module's jar");
            }
            p.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read coupon-jackson.properties", e);
        }
        return com.fasterxml.jackson.core.util.VersionUtil.parseVersion(p.getProperty("version"), "dev.couponkernel",
                "coupon-jackson");
    }

    /** Creates the module with every mapping of the wire format registered. */
    public CouponKernelModule() {
        super("CouponKernelModule", VERSION);
        for (WireTypes.Mapping<?> m : WireTypes.all()) {
            register(m);
        }
    }

    private <T> void register(WireTypes.Mapping<T> m) {
        addSerializer(m.type(), serializer(m.type(), m.writer()));
        addDeserializer(m.type(), deserializer(m.type(), m.reader()));
    }

    private static <T> StdSerializer<T> serializer(Class<T> type, WireTypes.Writer<? super T> writer) {
        return new StdSerializer<>(type) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
                writer.write(GeneratorSink.of(g), value);
            }
        };
    }

    private static <T> StdDeserializer<T> deserializer(Class<T> type, JsonIn.Reader<? extends T> reader) {
        return new StdDeserializer<>(type) {
            private static final long serialVersionUID = 1L;

            @Override
            public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                JsonNode node = ctx.readTree(p);
                try {
                    return reader.read(JsonIn.root(NodeTree.of(node)));
                } catch (WireReadException e) {
                    throw new CouponJsonException(p, e.jsonPath(), e.problem(), e.getCause());
                }
            }
        };
    }
}
