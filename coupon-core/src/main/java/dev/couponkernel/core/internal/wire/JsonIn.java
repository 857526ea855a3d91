package dev.couponkernel.core.internal.wire;

import dev.couponkernel.spi.internal.wire.JsonTree;
import dev.couponkernel.spi.error.CouponKernelException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A cursor over one JSON node that knows its path: reads required and optional fields with their
 * exact types, turns every failure (wrong type, missing field, a domain constructor refusing a
 * value) into a {@link WireReadException} naming the path, and can refuse fields nobody read. Not
 * thread-safe; one per node being read.
 */
public final class JsonIn {

    private final JsonTree node;
    private final String path;
    private final Set<String> consumed = new HashSet<>();

    private JsonIn(JsonTree node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * @param node the document's root
     * @return a cursor at {@code $}
     */
    public static JsonIn root(JsonTree node) {
        return new JsonIn(node, "$");
    }

    /** @return this node's path */
    public String path() {
        return path;
    }

    /** @return the node itself */
    public JsonTree node() {
        return node;
    }

    /**
     * @param problem what is wrong here
     * @return the exception to throw
     */
    public WireReadException error(String problem) {
        return new WireReadException(path, problem, null);
    }

    /**
     * @param field a field of this object
     * @param problem what is wrong with it
     * @return the exception to throw
     */
    public WireReadException fieldError(String field, String problem) {
        return error(field, problem, null);
    }

    private WireReadException error(String field, String problem, Throwable cause) {
        return new WireReadException(path + "." + field, problem, cause);
    }

    /**
     * Requires this node to be an object.
     *
     * @return this
     * @throws WireReadException if it is not
     */
    public JsonIn object() throws WireReadException {
        if (!node.isObject()) {
            throw error("must be a JSON object, was " + kind(node));
        }
        return this;
    }

    private JsonTree required(String field) throws WireReadException {
        object();
        consumed.add(field);
        JsonTree value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(field, "is required", null);
        }
        return value;
    }

    private JsonTree optional(String field) throws WireReadException {
        object();
        consumed.add(field);
        JsonTree value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /**
     * @param field a field that must hold an object
     * @return a cursor on it
     * @throws WireReadException if it is missing or not an object
     */
    public JsonIn obj(String field) throws WireReadException {
        return new JsonIn(required(field), path + "." + field).object();
    }

    /**
     * @param field a field that may hold an object
     * @return a cursor on it, empty when absent or null
     * @throws WireReadException if present and not an object
     */
    public Optional<JsonIn> optionalObj(String field) throws WireReadException {
        JsonTree value = optional(field);
        return value == null ? Optional.empty() : Optional.of(new JsonIn(value, path + "." + field).object());
    }

    /**
     * @param field a required text field
     * @return its text
     * @throws WireReadException if missing or not a string
     */
    public String text(String field) throws WireReadException {
        JsonTree value = required(field);
        if (!value.isTextual()) {
            throw error(field, "must be a string, was " + kind(value), null);
        }
        return value.textValue();
    }

    /**
     * @param field an optional text field
     * @return its text, empty when absent or null
     * @throws WireReadException if present and not a string
     */
    public Optional<String> optionalText(String field) throws WireReadException {
        JsonTree value = optional(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw error(field, "must be a string, was " + kind(value), null);
        }
        return Optional.of(value.textValue());
    }

    /**
     * @param field a required text field
     * @param parse turns the text into a value, throwing on bad text
     * @param <T> the value type
     * @return the value
     * @throws WireReadException if missing, not a string, or refused by {@code parse}
     */
    public <T> T text(String field, Function<String, T> parse) throws WireReadException {
        String raw = text(field);
        return parse(field, raw, parse);
    }

    /**
     * @param field an optional text field
     * @param parse turns the text into a value, throwing on bad text
     * @param <T> the value type
     * @return the value, empty when absent or null
     * @throws WireReadException if present and not a string, or refused by {@code parse}
     */
    public <T> Optional<T> optionalText(String field, Function<String, T> parse) throws WireReadException {
        Optional<String> raw = optionalText(field);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(field, raw.get(), parse));
    }

    private <T> T parse(String field, String raw, Function<String, T> parse) throws WireReadException {
        try {
            return parse.apply(raw);
        } catch (CouponKernelException | IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw error(field, message(e), e);
        }
    }

    /**
     * Reads this node itself as text (an array element, a root value).
     *
     * @param parse turns the text into a value
     * @param <T> the value type
     * @return the value
     * @throws WireReadException if the node is not a string or {@code parse} refuses it
     */
    public <T> T asText(Function<String, T> parse) throws WireReadException {
        if (!node.isTextual()) {
            throw error("must be a string, was " + kind(node));
        }
        try {
            return parse.apply(node.textValue());
        } catch (CouponKernelException | IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new WireReadException(path, message(e), e);
        }
    }

    /**
     * @param field a required whole-number field
     * @return its value
     * @throws WireReadException if missing, not a number, with a fraction, or outside 64 bits
     */
    public long integer(String field) throws WireReadException {
        return whole(field, required(field));
    }

    /**
     * @param field an optional whole-number field
     * @return its value, empty when absent or null
     * @throws WireReadException if present and not a whole 64-bit number
     */
    public Optional<Long> optionalInteger(String field) throws WireReadException {
        JsonTree value = optional(field);
        return value == null ? Optional.empty() : Optional.of(whole(field, value));
    }

    /**
     * @param field a required whole-number field within 32 bits
     * @return its value
     * @throws WireReadException if missing, not a whole number or outside 32 bits
     */
    public int int32(String field) throws WireReadException {
        long value = integer(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error(field, "must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", was " + value, null);
        }
        return (int) value;
    }

    /**
     * @param field an optional whole-number field within 32 bits
     * @return its value, empty when absent or null
     * @throws WireReadException if not a whole number or outside 32 bits
     */
    public java.util.OptionalInt optionalInt32(String field) throws WireReadException {
        Optional<Long> value = optionalInteger(field);
        if (value.isEmpty()) {
            return java.util.OptionalInt.empty();
        }
        long v = value.get();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(field, "must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", was " + v, null);
        }
        return java.util.OptionalInt.of((int) v);
    }

    private long whole(String field, JsonTree value) throws WireReadException {
        if (!value.isNumber()) {
            throw error(field, "must be a whole number, was " + kind(value), null);
        }
        if (!value.isIntegralNumber()) {
            throw error(field, "must be a whole number without a fraction or exponent, was " + value.asText(), null);
        }
        if (!value.canConvertToLong()) {
            throw error(field, "is outside the 64-bit range: " + value.asText(), null);
        }
        return value.longValue();
    }

    /**
     * @param field a required boolean field
     * @return its value
     * @throws WireReadException if missing or not true/false
     */
    public boolean bool(String field) throws WireReadException {
        JsonTree value = required(field);
        if (!value.isBoolean()) {
            throw error(field, "must be true or false, was " + kind(value), null);
        }
        return value.booleanValue();
    }

    /**
     * @param field a required ISO-8601 instant, such as {@code 2026-11-24T10:15:30Z}
     * @return the instant
     * @throws WireReadException if missing, not a string or not an instant
     */
    public Instant instant(String field) throws WireReadException {
        return text(field, JsonIn::parseInstant);
    }

    /**
     * @param field an optional ISO-8601 instant
     * @return the instant, empty when absent or null
     * @throws WireReadException if present and not an instant
     */
    public Optional<Instant> optionalInstant(String field) throws WireReadException {
        return optionalText(field, JsonIn::parseInstant);
    }

    /** The longest instant text read: {@code +9999-12-31T23:59:59.999999999Z} and some. */
    private static final int MAX_INSTANT_LENGTH = 40;

    private static Instant parseInstant(String raw) {
        // UTC with a Z only, as documented: Instant.parse also takes offsets such as +02:00 since Java 12
        if (raw.length() > MAX_INSTANT_LENGTH || !raw.endsWith("Z")) {
            throw new IllegalArgumentException("'" + Checks.quote(raw)
                    + "' is not an ISO-8601 instant in UTC such as 2026-11-24T10:15:30Z");
        }
        try {
            return Checks.instant(Instant.parse(raw), "instant");
        } catch (DateTimeException | InvalidInputException e) {
            throw new IllegalArgumentException("'" + Checks.quote(raw)
                    + "' is not an ISO-8601 instant in UTC between " + Checks.MIN_INSTANT + " and " + Checks.MAX_INSTANT);
        }
    }

    /** The most elements any array of the format may hold; a longer one is refused before its elements are read. */
    public static final int MAX_ARRAY_LENGTH = 10_000;

    /**
     * @param field a required array field
     * @param element reads one element
     * @param <T> the element type
     * @return the elements in order
     * @throws WireReadException if missing, not an array, or an element is bad
     */
    public <T> List<T> list(String field, Reader<T> element) throws WireReadException {
        return elements(field, required(field), element);
    }

    /**
     * @param field an optional array field; absent or null reads as empty
     * @param element reads one element
     * @param <T> the element type
     * @return the elements in order
     * @throws WireReadException if present and not an array, or an element is bad
     */
    public <T> List<T> optionalList(String field, Reader<T> element) throws WireReadException {
        JsonTree value = optional(field);
        return value == null ? List.of() : elements(field, value, element);
    }

    private <T> List<T> elements(String field, JsonTree value, Reader<T> element) throws WireReadException {
        if (!value.isArray()) {
            throw error(field, "must be an array, was " + kind(value), null);
        }
        if (value.size() > MAX_ARRAY_LENGTH) {
            throw error(field, "holds " + value.size() + " elements, at most " + MAX_ARRAY_LENGTH + " are read", null);
        }
        List<T> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            out.add(element.read(new JsonIn(value.get(i), path + "." + field + "[" + i + "]")));
        }
        return out;
    }

    /**
     * Builds a value from what was read, reporting a refusal by the domain at this node's path.
     *
     * @param build the constructor call
     * @param <T> the value type
     * @return the value
     * @throws WireReadException if the domain refuses the combination
     */
    public <T> T build(Supplier<T> build) throws WireReadException {
        try {
            return build.get();
        } catch (CouponKernelException | IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new WireReadException(path, message(e), e);
        }
    }

    /**
     * Refuses fields that no read asked for: commands and requests are strict so that a misspelt
     * field fails instead of being silently ignored.
     *
     * @throws WireReadException naming the first unknown field
     */
    public void noOtherFields() throws WireReadException {
        object();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!consumed.contains(name)) {
                throw error(name, "is not a known field here (known: " + String.join(", ", new java.util.TreeSet<>(consumed)) + ")", null);
            }
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * @param node a node
     * @return how to name its JSON kind in a message
     */
    public static String kind(JsonTree node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isNull()) {
            return "null";
        }
        return "a value of another kind";
    }

    /** Reads one value from a cursor. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param in the cursor
         * @return the value
         * @throws WireReadException on bad input
         */
        T read(JsonIn in) throws WireReadException;
    }
}
