package dev.couponkernel.service.api;

import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.campaign.CodeImport;
import dev.couponkernel.core.campaign.CodePattern;
import dev.couponkernel.csv.CampaignCsv;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.store.CodeBatch;
import dev.couponkernel.spi.store.CodeRecord;
import dev.couponkernel.spi.store.CouponQuery;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The staff's endpoints (role {@code ADMIN}): coupons created, read, searched, activated, suspended,
 * disabled, their limits changed; a campaign's codes generated, imported and exported as CSV, voided;
 * a coupon's usage figures and audit trail with its verification; the expiry sweep and the relay run on
 * demand. Every change is audited with the signed-in user as its actor ({@code staff:<name>}).
 *
 * <p>Thread-safe.
 */
@RestController
@RequestMapping(path = "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class CouponApi {

    /** The most codes one generate call makes. */
    public static final long MAX_GENERATE = 1_000_000;

    private final CouponKernel kernel;
    private final ApiJson json;

    /**
     * @param kernel the kernel
     * @param json the JSON
     */
    public CouponApi(CouponKernel kernel, ApiJson json) {
        this.kernel = kernel;
        this.json = json;
    }

    /**
     * Creates a coupon in status {@code DRAFT}; everything but {@code code} and {@code discount} has a default.
     *
     * @param body the definition
     * @param principal who
     * @return 201 with the coupon and its {@code Location}
     */
    @PostMapping(path = "/coupons", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> create(@RequestBody String body, Principal principal) {
        CouponDefinition definition = json.definition(json.object(body));
        CouponRecord created = kernel.create(definition, staff(principal));
        return ResponseEntity.created(URI.create("/v1/coupons/" + created.id().value())).body(json.write(created));
    }

    /**
     * Lists coupons whose code contains {@code q} (ignoring case) or whose id is {@code q}, by code.
     *
     * @param q the text, empty for all
     * @param status one status only, or all
     * @param page the page, from 0
     * @param size its size, 1 to 100
     * @return the page
     */
    @GetMapping("/coupons")
    public String search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "20") String size) {
        return json.write(kernel.search(new CouponQuery(q, status(status), integer("page", page), integer("size", size))));
    }

    /**
     * @param couponId the coupon
     * @return the coupon; 404 when unknown
     */
    @GetMapping("/coupons/{couponId}")
    public String get(@PathVariable String couponId) {
        return json.write(load(couponId));
    }

    /**
     * @param couponId the coupon
     * @param principal who
     * @return the coupon, now active
     */
    @PostMapping("/coupons/{couponId}/activate")
    public String activate(@PathVariable String couponId, Principal principal) {
        return json.write(kernel.activate(load(couponId).id(), staff(principal)));
    }

    /**
     * @param couponId the coupon
     * @param body {@code {"reason": "..."}}
     * @param principal who
     * @return the coupon, now disabled (for good)
     */
    @PostMapping(path = "/coupons/{couponId}/disable", consumes = MediaType.APPLICATION_JSON_VALUE)
    public String disable(@PathVariable String couponId, @RequestBody String body, Principal principal) {
        return json.write(kernel.disable(load(couponId).id(), staff(principal), reason(body)));
    }

    /**
     * @param couponId the coupon
     * @param body {@code {"reason": "..."}}
     * @param principal who
     * @return the coupon, now suspended
     */
    @PostMapping(path = "/coupons/{couponId}/suspend", consumes = MediaType.APPLICATION_JSON_VALUE)
    public String suspend(@PathVariable String couponId, @RequestBody String body, Principal principal) {
        return json.write(kernel.suspend(load(couponId).id(), staff(principal), reason(body)));
    }

    /**
     * @param couponId the coupon
     * @param body {@code {"reason": "..."}}
     * @param principal who
     * @return the coupon, active again
     */
    @PostMapping(path = "/coupons/{couponId}/lift-suspension", consumes = MediaType.APPLICATION_JSON_VALUE)
    public String liftSuspension(@PathVariable String couponId, @RequestBody String body, Principal principal) {
        return json.write(kernel.liftSuspension(load(couponId).id(), staff(principal), reason(body)));
    }

    /**
     * @param couponId the coupon
     * @param body the new limits, in the wire format of a definition's {@code limits}
     * @param principal who
     * @return the coupon with its new limits
     */
    @PutMapping(path = "/coupons/{couponId}/limits", consumes = MediaType.APPLICATION_JSON_VALUE)
    public String changeLimits(@PathVariable String couponId, @RequestBody String body, Principal principal) {
        UsageLimits limits = json.read(json.object(body), "$", UsageLimits.class);
        return json.write(kernel.changeLimits(load(couponId).id(), limits, staff(principal)));
    }

    /**
     * @param couponId the coupon
     * @return its usages by status and its budget used, one snapshot
     */
    @GetMapping("/coupons/{couponId}/usage")
    public String usage(@PathVariable String couponId) {
        return json.write(json.tree(kernel.usageSummary(load(couponId).id())));
    }

    /**
     * A page of a coupon's audit trail, oldest first: the entries at positions {@code from} to {@code
     * from + limit - 1} (0 is the oldest). When the trail goes on past the page, the header {@code
     * X-Next-From} gives the next page's {@code from}; the header {@code X-Trail-Size} always gives the
     * trail's length.
     *
     * @param couponId the coupon
     * @param from the first position, at least 0
     * @param limit the most entries, 1 to {@value AuditTrail#MAX_PAGE}
     * @return the entries; 404 when the coupon is unknown, 400 for a position or limit out of bounds
     */
    @GetMapping("/coupons/{couponId}/audit")
    public ResponseEntity<String> audit(@PathVariable String couponId, @RequestParam(defaultValue = "0") String from,
            @RequestParam(defaultValue = "1000") String limit) {
        CouponId id = load(couponId).id();
        long first = longParameter("from", from);
        int max = integer("limit", limit);
        if (first < 0) {
            throw new BadParameterException("from", "must be at least 0");
        }
        if (max < 1 || max > AuditTrail.MAX_PAGE) {
            throw new BadParameterException("limit", "must be between 1 and " + AuditTrail.MAX_PAGE);
        }
        long size = kernel.auditTrailSize(id);
        List<AuditEntry> page = kernel.auditTrail(id, first, max);
        ArrayNode out = json.newObject().arrayNode();
        page.forEach(e -> out.add(json.tree(e)));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Trail-Size", Long.toString(size));
        long next = first + page.size();
        if (page.size() == max && next < size) {
            answer.header("X-Next-From", Long.toString(next));
        }
        return answer.body(json.write(out));
    }

    static long longParameter(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "must be a whole number");
        }
    }

    /**
     * @param couponId the coupon
     * @return whether its hash chain is intact, and where it breaks
     */
    @GetMapping("/coupons/{couponId}/audit/verification")
    public String verify(@PathVariable String couponId) {
        return json.write(kernel.verifyAuditTrail(load(couponId).id()));
    }

    /**
     * Generates a batch of unique codes for a campaign coupon.
     *
     * @param couponId the coupon, with {@code "codes": "UNIQUE"}
     * @param body {@code {"count": 1000, "batchId": "...", "pattern": {"length": 8, "prefix": "XMAS-", ...}}}
     * @param principal who
     * @return 201 with the stored batch (200 when the batch id was stored before: nothing added)
     */
    @PostMapping(path = "/coupons/{couponId}/codes", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> generate(@PathVariable String couponId, @RequestBody String body, Principal principal) {
        ObjectNode in = json.object(body);
        CouponRecord coupon = load(couponId);
        long count = longField(in, "count").orElseThrow(() -> new BadJsonException("$.count", "is required"));
        if (count < 1 || count > MAX_GENERATE) {
            throw new BadJsonException("$.count", "must be 1 to " + MAX_GENERATE);
        }
        String batchId = CheckoutApi.optional(in, "batchId").orElseGet(() -> UUID.randomUUID().toString());
        CodePattern pattern = pattern(in.get("pattern"));
        CodeBatch batch = kernel.campaigns().generate(coupon.id(), pattern, count, batchId, staff(principal), n -> { });
        return ResponseEntity.status(batch.replayed() ? 200 : 201).body(json.write(json.tree(batch)));
    }

    /**
     * Reads a code pattern: {@code length} (default 10), {@code charset} (default without look-alike
     * characters), {@code prefix}, {@code postfix}, {@code groupSize} (0: no dashes).
     *
     * @param node the pattern, or null for the defaults
     * @return the pattern
     */
    public CodePattern pattern(JsonNode node) {
        CodePattern.Builder b = CodePattern.builder();
        if (node == null || node.isNull()) {
            return b.build();
        }
        if (!node.isObject()) {
            throw new BadJsonException("$.pattern", "must be an object");
        }
        ObjectNode p = (ObjectNode) node;
        for (String name : p.propertyNames()) {
            if (!List.of("length", "charset", "prefix", "postfix", "groupSize").contains(name)) {
                throw new BadJsonException("$.pattern." + name, "is not a field of a pattern (length, charset, prefix, postfix, groupSize)");
            }
        }
        longField(p, "length").ifPresent(n -> b.length(Math.toIntExact(Math.min(n, 1_000))));
        CheckoutApi.optional(p, "charset").ifPresent(b::charset);
        CheckoutApi.optional(p, "prefix").ifPresent(b::prefix);
        CheckoutApi.optional(p, "postfix").ifPresent(b::postfix);
        longField(p, "groupSize").ifPresent(n -> b.groupsOf(Math.toIntExact(Math.min(n, 1_000))));
        return b.build();
    }

    /**
     * Streams a campaign's codes with their state as CSV ({@code CampaignCsv.EXPORT_HEADER}).
     *
     * @param couponId the coupon
     * @param response where the CSV goes
     * @throws IOException when the client goes away
     */
    @GetMapping(path = "/coupons/{couponId}/codes.csv", produces = "text/csv")
    public void export(@PathVariable String couponId, HttpServletResponse response) throws IOException {
        CouponRecord coupon = load(couponId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"" + coupon.definition().code().value().toLowerCase(Locale.ROOT) + "-codes.csv\"");
        try (Writer out = response.getWriter()) {
            CampaignCsv.export(kernel.campaigns(), coupon.id(), out);
        }
    }

    /**
     * Imports codes from CSV (one code per line, in the first column; a header line {@code code} is
     * skipped). All or nothing: with any bad line nothing is stored and every bad line is listed.
     *
     * @param couponId the coupon
     * @param batchId the batch's id: a retry with the same id adds nothing
     * @param request the CSV body ({@code text/csv}, at most 64 MiB)
     * @param principal who
     * @return 201 with the batch, or 400 with the bad lines
     * @throws IOException when the body cannot be read
     */
    @PostMapping(path = "/coupons/{couponId}/codes.csv", consumes = "text/csv")
    public ResponseEntity<String> importCodes(@PathVariable String couponId, @RequestParam String batchId,
            HttpServletRequest request, Principal principal) throws IOException {
        CouponRecord coupon = load(couponId);
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        CodeImport result = CampaignCsv.importCodes(kernel.campaigns(), coupon.id(), request.getReader(), batchId, staff(principal));
        ObjectNode out = json.tree(result);
        if (!result.stored()) {
            out.put("type", Problems.Type.INVALID_INPUT.uri().toString());
            out.put("title", "Invalid CSV");
            out.put("status", 400);
            out.put("detail", result.faultyLines() + " line(s) refused; nothing was stored");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(json.write(out));
        }
        return ResponseEntity.status(result.batch().orElseThrow().replayed() ? 200 : 201).body(json.write(out));
    }

    /**
     * @param code a campaign's code
     * @return the code's record; 404 when unknown
     */
    @GetMapping("/codes/{code}")
    public String code(@PathVariable String code) {
        return json.write(codeTree(kernel.campaigns().code(code)
                .orElseThrow(() -> new dev.couponkernel.spi.error.NotFoundException("no code " + code))));
    }

    /**
     * Voids one code of a campaign for good; the coupon's other codes stay usable.
     *
     * @param code the code
     * @param body {@code {"reason": "..."}}
     * @param principal who
     * @return the code's record
     */
    @PostMapping(path = "/codes/{code}/void", consumes = MediaType.APPLICATION_JSON_VALUE)
    public String voidCode(@PathVariable String code, @RequestBody String body, Principal principal) {
        return json.write(codeTree(kernel.campaigns().voidCode(code, reason(body), staff(principal))));
    }

    private ObjectNode codeTree(CodeRecord r) {
        ObjectNode out = json.newObject();
        out.put("code", r.code().value());
        out.put("couponId", r.couponId().value());
        out.put("state", r.state().name());
        out.put("uses", r.used());
        out.put("redeemed", r.redeemed());
        out.put("batchId", r.batchId());
        out.put("createdAt", r.createdAt().toString());
        if (r.lastLockedAt() != null) {
            out.put("lastLockedAt", r.lastLockedAt().toString());
        }
        if (r.lastRedeemedAt() != null) {
            out.put("lastRedeemedAt", r.lastRedeemedAt().toString());
        }
        if (r.voidedAt() != null) {
            out.put("voidedAt", r.voidedAt().toString());
        }
        return out;
    }

    /**
     * Releases locks whose time is up (the sweep the service also runs on its schedule).
     *
     * @param max at most this many, 1 to 10,000
     * @return {@code {"expired": n}}
     */
    @PostMapping("/maintenance/expire-locks")
    public String expireLocks(@RequestParam(defaultValue = "1000") String max) {
        int n = integer("max", max);
        if (n < 1 || n > 10_000) {
            throw new BadParameterException("max", "must be 1 to 10000");
        }
        ObjectNode out = json.newObject();
        out.put("expired", kernel.expireLocks(n));
        return json.write(out);
    }

    /**
     * Publishes pending events from the outbox (the relay the service also runs on its schedule).
     *
     * @return {@code {"published": n}}
     */
    @PostMapping("/maintenance/relay")
    public String relay() {
        ObjectNode out = json.newObject();
        out.put("published", kernel.publishPendingEvents());
        return json.write(out);
    }

    private CouponRecord load(String couponId) {
        return kernel.findById(CouponId.of(couponId))
                .orElseThrow(() -> new dev.couponkernel.spi.error.NotFoundException("no coupon " + couponId));
    }

    private String reason(String body) {
        return CheckoutApi.required(json.object(body), "reason");
    }

    static Actor staff(Principal principal) {
        return Actor.of("staff:" + principal.getName());
    }

    private static Optional<CouponStatus> status(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CouponStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("status", "must be one of " + Arrays.toString(CouponStatus.values()));
        }
    }

    static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "must be a whole number");
        }
    }

    private static Optional<Long> longField(ObjectNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadJsonException("$." + field, "must be a whole number");
        }
        return Optional.of(v.asLong());
    }
}
