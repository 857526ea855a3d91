package dev.couponkernel.service.api;

import dev.couponkernel.core.campaign.CodeImport;
import dev.couponkernel.core.campaign.LineError;
import dev.couponkernel.jackson3.CouponJson;
import dev.couponkernel.jackson3.CouponJsonException;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.store.CodeBatch;
import dev.couponkernel.spi.store.CouponPage;
import dev.couponkernel.spi.store.UsageSummary;
import dev.couponkernel.spi.value.Money;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's JSON: the kernel's wire format ({@code coupon-jackson3}, strict) for the kernel's own
 * types, plus the few shapes only the service has (a page of coupons, a usage summary, a batch of codes)
 * and a coupon definition with defaults for everything optional. Every reading failure is a {@link
 * BadJsonException} naming the JSON path from the request body's root.
 *
 * <p>Thread-safe.
 */
@Component
public class ApiJson {

    private final CouponJson json = CouponJson.create();
    private final ObjectMapper mapper = json.mapper();

    /**
     * Reads a request body that must be a JSON object.
     *
     * @param body the body
     * @return the object
     */
    public ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw new BadJsonException("$", "a JSON object is required");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new BadJsonException("$", "is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadJsonException("$", "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Reads one kernel value from a part of a body.
     *
     * @param node the part
     * @param path its JSON path from the body's root ({@code $} for the whole body)
     * @param type the kernel type
     * @param <T> the type
     * @return the value
     */
    public <T> T read(JsonNode node, String path, Class<T> type) {
        try {
            return json.read(mapper.writeValueAsString(node), type);
        } catch (CouponJsonException e) {
            String inner = e.jsonPath();
            throw new BadJsonException(path + (inner.startsWith("$") ? inner.substring(1) : inner), e.problem());
        }
    }

    /**
     * Reads a coupon definition, filling in every optional part from {@link CouponDefinition#builder}'s
     * defaults: a minimal coupon is {@code {"code": "SUMMER10", "discount": {"percent": "10"}}}. A
     * discount without {@code type} is {@code PERCENT} when it has {@code percent} and {@code FIXED} when
     * it has {@code amounts}. The objects given replace the defaults field by field ({@code "limits":
     * {"maxTotalUses": 100}} keeps the rest unlimited); arrays and values replace them whole.
     *
     * @param body the request body
     * @return the definition
     */
    public CouponDefinition definition(ObjectNode body) {
        JsonNode code = body.get("code");
        if (code == null || code.isNull()) {
            throw new BadJsonException("$.code", "is required");
        }
        if (!code.isString()) {
            throw new BadJsonException("$.code", "must be a string");
        }
        JsonNode given = body.get("discount");
        if (given == null || given.isNull()) {
            throw new BadJsonException("$.discount", "is required, for example {\"percent\": \"10\"}");
        }
        if (!given.isObject()) {
            throw new BadJsonException("$.discount", "must be an object, for example {\"percent\": \"10\"}");
        }
        ObjectNode discountNode = ((ObjectNode) given).deepCopy();
        if (!discountNode.has("type")) {
            if (discountNode.has("percent")) {
                discountNode.put("type", "PERCENT");
            } else if (discountNode.has("amounts")) {
                discountNode.put("type", "FIXED");
            } else {
                throw new BadJsonException("$.discount.type", "is required unless the discount has \"percent\" or \"amounts\"");
            }
        }
        if ("PERCENT".equals(discountNode.path("type").asString("")) && !discountNode.has("caps")) {
            discountNode.putArray("caps");
        }
        Discount discount = read(discountNode, "$.discount", Discount.class);
        CouponDefinition defaults;
        try {
            defaults = CouponDefinition.builder(code.asString()).discount(discount).build();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("code", e.problem());
        }
        ObjectNode merged = (ObjectNode) tree(defaults);
        ObjectNode overrides = body.deepCopy();
        overrides.set("discount", discountNode);
        merge(merged, overrides);
        return read(merged, "$", CouponDefinition.class);
    }

    private static void merge(ObjectNode target, ObjectNode overrides) {
        for (Map.Entry<String, JsonNode> e : overrides.properties()) {
            JsonNode existing = target.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * @param value a kernel value
     * @return its JSON
     */
    public String write(Object value) {
        return json.write(value);
    }

    /**
     * @param value a kernel value
     * @return its JSON tree
     */
    public JsonNode tree(Object value) {
        return mapper.readTree(json.write(value));
    }

    /**
     * @param value a kernel value
     * @return its JSON, indented for people to read
     */
    public String pretty(Object value) {
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree(value));
    }

    /**
     * Reads a JSON object typed into a form.
     *
     * @param text the text
     * @param path the JSON path the object takes in the body it goes into
     * @return the object
     */
    public ObjectNode object(String text, String path) {
        try {
            return object(text);
        } catch (BadJsonException e) {
            throw new BadJsonException(path, e.problem());
        }
    }

    /** @return a new empty object */
    public ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    /**
     * @param node a tree
     * @return its JSON
     */
    public String write(JsonNode node) {
        return mapper.writeValueAsString(node);
    }

    /**
     * @param page a page of coupons
     * @return {@code {"coupons": [...], "total": n, "page": p, "size": s, "hasNext": b}}
     */
    public String write(CouponPage page) {
        ObjectNode out = newObject();
        ArrayNode coupons = out.putArray("coupons");
        for (CouponRecord c : page.coupons()) {
            coupons.add(tree(c));
        }
        out.put("total", page.total());
        out.put("page", page.query().page());
        out.put("size", page.query().size());
        out.put("hasNext", page.hasNext());
        return write(out);
    }

    /**
     * @param summary a coupon's usage figures
     * @return the usages by status and the discounts of the locked and redeemed ones per currency
     */
    public ObjectNode tree(UsageSummary summary) {
        ObjectNode out = newObject();
        out.put("locked", summary.locked());
        out.put("redeemed", summary.redeemed());
        out.put("released", summary.released());
        out.put("reinstated", summary.reinstated());
        out.put("counted", summary.counted());
        out.set("lockedDiscount", money(summary.lockedDiscount()));
        out.set("redeemedDiscount", money(summary.redeemedDiscount()));
        out.set("budgetUsed", money(summary.budgetUsed()));
        return out;
    }

    private ArrayNode money(List<Money> amounts) {
        ArrayNode out = mapper.createArrayNode();
        amounts.forEach(m -> out.add(tree(m)));
        return out;
    }

    /**
     * @param batch a stored batch of codes
     * @return its JSON tree
     */
    public ObjectNode tree(CodeBatch batch) {
        ObjectNode out = newObject();
        out.put("batchId", batch.batchId());
        out.put("couponId", batch.couponId().value());
        out.put("added", batch.added());
        out.put("createdAt", batch.createdAt().toString());
        out.put("replayed", batch.replayed());
        return out;
    }

    /**
     * @param result an import's outcome
     * @return the batch when stored, and the lines refused
     */
    public ObjectNode tree(CodeImport result) {
        ObjectNode out = newObject();
        out.put("stored", result.stored());
        result.batch().ifPresent(b -> out.set("batch", tree(b)));
        out.put("faultyLines", result.faultyLines());
        ArrayNode errors = out.putArray("errors");
        for (LineError e : result.errors()) {
            errors.addObject().put("line", e.line()).put("reason", e.reason().name()).put("message", e.message());
        }
        return out;
    }
}
