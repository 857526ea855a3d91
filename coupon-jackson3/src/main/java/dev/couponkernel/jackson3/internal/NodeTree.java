package dev.couponkernel.jackson3.internal;

import dev.couponkernel.spi.internal.wire.JsonTree;
import java.util.Iterator;
import tools.jackson.databind.JsonNode;

/** Jackson 3's tree as the wire format's readers read it. A read-only view; as thread-safe as the node. */
public final class NodeTree implements JsonTree {

    private final JsonNode node;

    private NodeTree(JsonNode node) {
        this.node = node;
    }

    /**
     * @param node a node, or null
     * @return the view, or null for null
     */
    public static NodeTree of(JsonNode node) {
        return node == null ? null : new NodeTree(node);
    }

    @Override
    public boolean isObject() {
        return node.isObject();
    }

    @Override
    public boolean isArray() {
        return node.isArray();
    }

    @Override
    public boolean isTextual() {
        return node.isString();
    }

    @Override
    public boolean isNumber() {
        return node.isNumber();
    }

    @Override
    public boolean isIntegralNumber() {
        return node.isIntegralNumber();
    }

    @Override
    public boolean isBoolean() {
        return node.isBoolean();
    }

    @Override
    public boolean isNull() {
        return node.isNull();
    }

    @Override
    public JsonTree get(String field) {
        return of(node.get(field));
    }

    @Override
    public JsonTree get(int index) {
        return of(node.get(index));
    }

    @Override
    public int size() {
        return node.size();
    }

    @Override
    public Iterator<String> fieldNames() {
        return node.propertyNames().iterator();
    }

    @Override
    public String textValue() {
        return node.isString() ? node.stringValue() : null;
    }

    @Override
    public String asText() {
        return node.asString();
    }

    @Override
    public boolean booleanValue() {
        return node.isBoolean() && node.booleanValue();
    }

    @Override
    public boolean canConvertToLong() {
        return node.canConvertToLong();
    }

    @Override
    public long longValue() {
        return node.longValue();
    }
}
