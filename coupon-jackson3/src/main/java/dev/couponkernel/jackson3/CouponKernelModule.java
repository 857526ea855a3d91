package dev.couponkernel.jackson3;

import dev.couponkernel.core.internal.wire.JsonIn;
import dev.couponkernel.core.internal.wire.WireReadException;
import dev.couponkernel.core.internal.wire.WireTypes;
import dev.couponkernel.jackson3.internal.GeneratorSink;
import dev.couponkernel.jackson3.internal.NodeTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.Version;
import tools.jackson.core.util.VersionUtil;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The Jackson 3 module for the kernel's wire format, the same as coupon-jackson's for Jackson 2:
 * value objects, coupons, carts, pricing requests and decisions, the use cases' commands and
 * results, audit entries, events and event envelopes. Register it explicitly ({@code
 * JsonMapper.builder().addModule(new CouponKernelModule())}) or let {@code findAndAddModules()}
 * find it through {@link java.util.ServiceLoader}. {@link CouponJson} gives a mapper configured for
 * strict reading.
 *
 * <p>Money is {@code {"amount": "12.34", "currency": "EUR"}}, the amount a decimal string, never a
 * binary number; ids and codes are strings; instants ISO-8601 in UTC. Every reader fails with a
 * {@link CouponJsonException} naming the JSON path. See {@code docs/json.md} for each type.
 *
 * <p>Thread-safe: the serializers and deserializers hold no state.
 */
public final class CouponKernelModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** This module's version, as the build wrote it into {@code coupon-jackson3.properties}. */
    private static final Version VERSION = buildVersion();

    private static Version buildVersion() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = CouponKernelModule.class.getResourceAsStream("coupon-jackson3.properties")) {
            if (in == null) {
                throw new IllegalStateException("coupon-jackson3.properties is missing from the module's jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read coupon-jackson3.properties", e);
        }
        return VersionUtil.parseVersion(p.getProperty("version"), "dev.couponkernel", "coupon-jackson3");
    }

    /** Creates the module with every mapping of the wire format registered. */
    public CouponKernelModule() {
        super("CouponKernelModule", VERSION);
        for (WireTypes.Mapping<?> m : WireTypes.all()) {
            register(m);
        }
    }

    /** @return this module's version, the build's */
    public static Version moduleVersion() {
        return VERSION;
    }

    private <T> void register(WireTypes.Mapping<T> m) {
        addSerializer(m.type(), serializer(m.type(), m.writer()));
        addDeserializer(m.type(), deserializer(m.type(), m.reader()));
    }

    private static <T> StdSerializer<T> serializer(Class<T> type, WireTypes.Writer<? super T> writer) {
        return new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator g, SerializationContext ctxt) {
                try {
                    writer.write(GeneratorSink.of(g), value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);   // a Jackson 3 generator throws unchecked exceptions only
                }
            }
        };
    }

    private static <T> StdDeserializer<T> deserializer(Class<T> type, JsonIn.Reader<? extends T> reader) {
        return new StdDeserializer<>(type) {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) {
                JsonNode node = ctxt.readTree(p);
                try {
                    return reader.read(JsonIn.root(NodeTree.of(node)));
                } catch (WireReadException e) {
                    throw new CouponJsonException(p, e.jsonPath(), e.problem(), e.getCause());
                }
            }
        };
    }
}
