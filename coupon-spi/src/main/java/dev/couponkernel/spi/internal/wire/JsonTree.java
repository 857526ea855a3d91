package dev.couponkernel.spi.internal.wire;

import java.util.Iterator;

/**
 * One node of a parsed JSON document, as the wire format's readers need it: what the JSON modules
 * adapt their library's tree to (Jackson 2's and Jackson 3's {@code JsonNode}), so the readers are
 * written once. Implementations are read-only views.
 */
public interface JsonTree {

    /** @return whether this is an object */
    boolean isObject();

    /** @return whether this is an array */
    boolean isArray();

    /** @return whether this is a string */
    boolean isTextual();

    /** @return whether this is a number */
    boolean isNumber();

    /** @return whether this is a number without fraction or exponent */
    boolean isIntegralNumber();

    /** @return whether this is {@code true} or {@code false} */
    boolean isBoolean();

    /** @return whether this is {@code null} */
    boolean isNull();

    /**
     * @param field a field name
     * @return this object's field, or null when absent (or this is not an object)
     */
    JsonTree get(String field);

    /**
     * @param index an index
     * @return this array's element, or null when out of range (or this is not an array)
     */
    JsonTree get(int index);

    /**
     * @param field a field name
     * @return whether this object has the field, null or not
     */
    default boolean has(String field) {
        return get(field) != null;
    }

    /**
     * @param field a field name
     * @return whether this object has the field with a value other than null
     */
    default boolean hasNonNull(String field) {
        JsonTree v = get(field);
        return v != null && !v.isNull();
    }

    /** @return the number of elements of an array or fields of an object, else 0 */
    int size();

    /** @return this object's field names in document order (none for another kind) */
    Iterator<String> fieldNames();

    /** @return this string's value, or null when this is not a string */
    String textValue();

    /** @return this value as text: a string's value, a number's digits, {@code true}, {@code false}, {@code null} */
    String asText();

    /** @return this boolean's value (false for another kind) */
    boolean booleanValue();

    /** @return whether this integral number fits in a {@code long} */
    boolean canConvertToLong();

    /** @return this number as a {@code long} */
    long longValue();
}
