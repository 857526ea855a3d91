package dev.couponkernel.jackson.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.couponkernel.spi.internal.wire.JsonSink;
import java.io.IOException;

/** The shared writers' ({@code WireForm}) calls on a Jackson 2 generator. Not thread-safe, like the generator. */
public final class GeneratorSink implements JsonSink {

    private final JsonGenerator g;

    private GeneratorSink(JsonGenerator g) {
        this.g = g;
    }

    public static JsonSink of(JsonGenerator g) {
        return new GeneratorSink(g);
    }

    @Override
    public void startObject() throws IOException {
        g.writeStartObject();
    }

    @Override
    public void endObject() throws IOException {
        g.writeEndObject();
    }

    @Override
    public void startArray() throws IOException {
        g.writeStartArray();
    }

    @Override
    public void endArray() throws IOException {
        g.writeEndArray();
    }

    @Override
    public void name(String name) throws IOException {
        g.writeFieldName(name);
    }

    @Override
    public void string(String value) throws IOException {
        g.writeString(value);
    }

    @Override
    public void number(long value) throws IOException {
        g.writeNumber(value);
    }

    @Override
    public void bool(boolean value) throws IOException {
        g.writeBoolean(value);
    }
}
