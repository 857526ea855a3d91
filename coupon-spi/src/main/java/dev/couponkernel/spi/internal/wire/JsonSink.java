package dev.couponkernel.spi.internal.wire;

import java.io.IOException;

/**
 * Where {@link WireForm} writes JSON: the few calls of a streaming generator, so one writer serves
 * the JSON module and the stores' stored form, each with its own JSON library behind it. Not
 * thread-safe: one document at a time.
 */
public interface JsonSink {

    /** @throws IOException if the output fails */
    void startObject() throws IOException;

    /** @throws IOException if the output fails */
    void endObject() throws IOException;

    /** @throws IOException if the output fails */
    void startArray() throws IOException;

    /** @throws IOException if the output fails */
    void endArray() throws IOException;

    /**
     * @param name the next field's name
     * @throws IOException if the output fails
     */
    void name(String name) throws IOException;

    /**
     * @param value a string value
     * @throws IOException if the output fails
     */
    void string(String value) throws IOException;

    /**
     * @param value an integer value
     * @throws IOException if the output fails
     */
    void number(long value) throws IOException;

    /**
     * @param value a boolean value
     * @throws IOException if the output fails
     */
    void bool(boolean value) throws IOException;

    /**
     * @param name the field's name
     * @param value its string value
     * @throws IOException if the output fails
     */
    default void field(String name, String value) throws IOException {
        name(name);
        string(value);
    }

    /**
     * @param name the field's name
     * @param value its integer value
     * @throws IOException if the output fails
     */
    default void field(String name, long value) throws IOException {
        name(name);
        number(value);
    }

    /**
     * @param name the field's name
     * @param value its boolean value
     * @throws IOException if the output fails
     */
    default void field(String name, boolean value) throws IOException {
        name(name);
        bool(value);
    }

    /**
     * Starts an array as the value of a field.
     *
     * @param name the field's name
     * @throws IOException if the output fails
     */
    default void arrayField(String name) throws IOException {
        name(name);
        startArray();
    }
}
