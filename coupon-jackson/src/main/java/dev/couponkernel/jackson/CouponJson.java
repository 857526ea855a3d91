package dev.couponkernel.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Objects;

/**
 * Reads and writes the kernel's JSON with a mapper set up for strict reading: the
 * {@link CouponKernelModule}, duplicate keys refused, trailing content refused. {@link #read} turns
 * every failure, malformed JSON included, into a {@link CouponJsonException} with a JSON path, so a
 * caller (a REST adapter, a message consumer) handles exactly one exception type.
 *
 * <p>Thread-safe once built; share one instance.
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
     * configure it further (their own modules, pretty printing).
     *
     * @return a new mapper
     */
    public static ObjectMapper strictMapper() {
        return JsonMapper.builder()
                .addModule(new CouponKernelModule())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /**
     * @return the mapper this instance uses; do not reconfigure it while it is in use
     */
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
    public <T> T read(String json, Class<T> type) throws CouponJsonException {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        T value;
        try {
            value = mapper.readValue(json, type);
        } catch (CouponJsonException e) {
            throw e;
        } catch (JsonMappingException e) {
            throw new CouponJsonException(null, path(e), e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new CouponJsonException(null, "$", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"), e);
        }
        if (value == null) {
            throw new CouponJsonException((JsonParser) null, "$", "is null; a " + type.getSimpleName() + " was expected", null);
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
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
