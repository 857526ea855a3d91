package dev.couponkernel.jackson3.internal;

import dev.couponkernel.spi.internal.wire.JsonSink;
import tools.jackson.core.JsonGenerator;

/** The wire format's writers writing to a Jackson 3 generator. Not thread-safe, as the generator. */
public final class GeneratorSink implements JsonSink {

    private final JsonGenerator g;

    private GeneratorSink(JsonGenerator g) {
        this.g = g;
    }

    /**
     * @param g the generator
     * @return a sink writing to it
     */
    public static JsonSink of(JsonGenerator g) {
        return new GeneratorSink(g);
    }

    @Override
    public void startObject() {
        g.writeStartObject();
    }

    @Override
    public void endObject() {
        g.writeEndObject();
    }

    @Override
    public void startArray() {
        g.writeStartArray();
    }

    @Override
    public void endArray() {
        g.writeEndArray();
    }

    @Override
    public void name(String name) {
        g.writeName(name);
    }

    @Override
    public void string(String value) {
        g.writeString(value);
    }

    @Override
    public void number(long value) {
        g.writeNumber(value);
    }

    @Override
    public void bool(boolean value) {
        g.writeBoolean(value);
    }
}
