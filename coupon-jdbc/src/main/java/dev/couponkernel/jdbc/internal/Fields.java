package dev.couponkernel.jdbc.internal;

import dev.couponkernel.spi.error.StorageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage's text format for records that have no columns of their own: one {@code key=value}
 * per line, lists separated by commas, with {@code \}, newline and comma escaped. Not thread-safe
 * while being built; a parsed instance is read-only.
 */
final class Fields {

    private final Map<String, String> values = new LinkedHashMap<>();

    Fields put(String key, Object value) {
        if (value != null) {
            values.put(key, escape(String.valueOf(value), false));
        }
        return this;
    }

    Fields putList(String key, Collection<?> items) {
        List<String> escaped = new ArrayList<>(items.size());
        for (Object item : items) {
            escaped.add(escape(String.valueOf(item), true));
        }
        escaped.sort(null);
        values.put(key, String.join(",", escaped));
        return this;
    }

    String encode() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    static Fields parse(String text) {
        Fields f = new Fields();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new StorageException("corrupt stored record: line without '=': " + line);
            }
            f.values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return f;
    }

    String get(String key) {
        String raw = values.get(key);
        return raw == null ? null : unescape(raw);
    }

    String require(String key) {
        String value = get(key);
        if (value == null) {
            throw new StorageException("corrupt stored record: no " + key);
        }
        return value;
    }

    List<String> list(String key) {
        String raw = values.get(key);
        List<String> items = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return items;
        }
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                current.append(c).append(raw.charAt(++i));
            } else if (c == ',') {
                items.add(unescape(current.toString()));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        items.add(unescape(current.toString()));
        return items;
    }

    private static String escape(String s, boolean inList) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case ',' -> sb.append(inList ? "\\," : ",");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
