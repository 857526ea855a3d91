package dev.couponkernel.jackson3;

import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the kernel's JSON with a Jackson 3 mapper set up for strict reading: the
 * {@link CouponKernelModule}, duplicate keys refused, trailing content refused. {@link #read} turns
 * every failure, malformed JSON included, into a {@link CouponJsonException} with a JSON path, so a
 * caller (a REST adapter, a message consumer) handles exactly one exception type.
 *
 * <p>Thread-safe; share one instance.
 */
public final class CouponJson {

    private final ObjectMapper mapper;

    private CouponJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Creates an instance with its own strict mapper.
     *
     * @return the instance
     */
    public static CouponJson create() {
        return new CouponJson(strictMapper());
    }

    /**
     * Returns a new mapper with the module and the strict reading settings, for hosts that want to
     * configure it further ({@code strictMapper().rebuild()...}: their own modules, pretty printing).
     *
     * @return a new mapper
     */
    public static JsonMapper strictMapper() {
        return JsonMapper.builder()
                .addModule(new CouponKernelModule())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** @return the mapper this instance uses; immutable, as every Jackson 3 mapper */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Reads one value.
     *
     * @param json the document
     * @param type what it holds
     * @param <T> the type
     * @return the value, complete
     * @throws CouponJsonException if the text is not JSON, is {@code null}, or does not describe a
     *     valid value of the type; the message names the JSON path
     */
    public <T> T read(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        T value;
        try {
            value = mapper.readValue(json, type);
        } catch (CouponJsonException e) {
            throw e;
        } catch (StreamReadException e) {
            throw new CouponJsonException(null, "$", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"), e);
        } catch (DatabindException e) {
            throw new CouponJsonException(null, path(e), e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new CouponJsonException(null, "$", e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new CouponJsonException(null, "$", "is null; a " + type.getSimpleName() + " was expected", null);
        }
        return value;
    }

    /**
     * Writes one value.
     *
     * @param value a value the module maps
     * @return its JSON
     * @throws IllegalArgumentException if the type is not one the module maps
     */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(Objects.requireNonNull(value, "value"));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String path(JacksonException e) {
        StringBuilder b = new StringBuilder("$");
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                b.append('.').append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
