package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Percentage;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The named parameters of a host-defined discount kind or eligibility condition: text values by
 * name, bounded in number and size, so that a coupon carrying them stays small and its JSON and
 * stored form are the library's own. What the names mean is the host kind's; the typed readers
 * ({@link #integer}, {@link #percentage}, ...) parse a value and name it in their error, so a host
 * kind's validation reads like a built-in one's. Immutable and thread-safe.
 *
 * @param values the values by name, in name order
 */
public record HostParameters(SortedMap<String, String> values) {

    /** The most parameters one kind or condition may carry. */
    public static final int MAX_PARAMETERS = 32;
    /** The longest parameter name. */
    public static final int MAX_NAME_LENGTH = 40;
    /** The longest parameter value. */
    public static final int MAX_VALUE_LENGTH = 500;

    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final HostParameters NONE = new HostParameters(new TreeMap<>());

    /** Where a parameter's errors are reported; set by the owner so that errors name the full path. */
    private static final String FIELD = "parameters";

    /**
     * Validates the names (a lower-case letter, then letters, digits or {@code _}; at most {@value
     * #MAX_NAME_LENGTH} characters) and the values (printable text of at most {@value
     * #MAX_VALUE_LENGTH} characters), at most {@value #MAX_PARAMETERS} of them.
     *
     * @param values the values by name
     */
    public HostParameters {
        Checks.notNull(values, FIELD);
        if (values.size() > MAX_PARAMETERS) {
            throw new InvalidInputException(FIELD, "holds " + values.size() + " parameters, at most " + MAX_PARAMETERS + " are allowed");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = Checks.notNull(e.getKey(), FIELD + " name");
            if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
                throw new InvalidInputException(FIELD, "parameter name '" + Checks.quote(name)
                        + "' must be a lower-case letter, then letters, digits or _, at most " + MAX_NAME_LENGTH + " characters");
            }
            copy.put(name, Checks.text(e.getValue(), FIELD + "." + name, MAX_VALUE_LENGTH));
        }
        values = Collections.unmodifiableSortedMap(copy);
    }

    /** @return no parameters */
    public static HostParameters none() {
        return NONE;
    }

    /**
     * @param values the values by name
     * @return the parameters
     */
    public static HostParameters of(Map<String, String> values) {
        return new HostParameters(new TreeMap<>(Checks.notNull(values, FIELD)));
    }

    /**
     * @param nameValuePairs names and values, alternating
     * @return the parameters
     */
    public static HostParameters of(String... nameValuePairs) {
        Checks.notNull(nameValuePairs, FIELD);
        if (nameValuePairs.length % 2 != 0) {
            throw new InvalidInputException(FIELD, "names and values alternate; " + nameValuePairs.length + " texts were given");
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            if (map.put(Checks.notNull(nameValuePairs[i], FIELD + " name"), nameValuePairs[i + 1]) != null) {
                throw new InvalidInputException(FIELD, "parameter '" + Checks.quote(nameValuePairs[i]) + "' is given twice");
            }
        }
        return new HostParameters(map);
    }

    /**
     * @param name a parameter's name
     * @return its value, if given
     */
    public Optional<String> optionalText(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * @param name a parameter's name
     * @return its value
     * @throws InvalidInputException naming {@code parameters.<name>} when it is missing
     */
    public String text(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new InvalidInputException(FIELD + "." + name, "is required");
        }
        return value;
    }

    /**
     * @param name a parameter's name
     * @param min the least value allowed
     * @param max the greatest value allowed
     * @return its value as a whole number
     * @throws InvalidInputException naming {@code parameters.<name>} when it is missing, not a whole number or out of range
     */
    public long integer(String name, long min, long max) {
        String raw = text(name);
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(FIELD + "." + name, "must be a whole number, was '" + Checks.quote(raw) + "'");
        }
        if (value < min || value > max) {
            throw new InvalidInputException(FIELD + "." + name, "must be " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    /**
     * @param name a parameter's name
     * @return its value as a percentage ({@code "12.5"} is 12.5 %)
     * @throws InvalidInputException naming {@code parameters.<name>} when it is missing or not a percentage
     */
    public Percentage percentage(String name) {
        String raw = text(name);
        try {
            return Percentage.of(raw);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(FIELD + "." + name, e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidInputException(FIELD + "." + name, "must be a percentage such as 12.5, was '" + Checks.quote(raw) + "'");
        }
    }

    /** @return whether there are none */
    public boolean isEmpty() {
        return values.isEmpty();
    }
}
