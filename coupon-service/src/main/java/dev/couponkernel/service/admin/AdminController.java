package dev.couponkernel.service.admin;

import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.campaign.CodePattern;
import dev.couponkernel.service.api.ApiJson;
import dev.couponkernel.service.api.BadJsonException;
import dev.couponkernel.service.api.CouponApi;
import dev.couponkernel.spi.coupon.CodeMode;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.CouponKernelException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.CouponPage;
import dev.couponkernel.spi.store.CouponQuery;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageLimits;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin pages for shop staff (role {@code ADMIN}, form sign-in, CSRF tokens on every form): the
 * coupons with search and status; creating a coupon of every discount kind with the library's own
 * messages next to the fields; a coupon's page with its actions (activate, suspend, lift a suspension,
 * disable), its limits, its usage with a chart of uses over time, its campaign codes (generated with a
 * progress bar, downloaded as CSV), its audit trail with the chain's verification; and the fraud
 * guard's recent alerts. A form's input goes through the same reading as the REST API's body.
 *
 * <p>Thread-safe.
 */
@Controller
public class AdminController {

    /** The discount kinds the form offers, in its order. */
    public static final List<String> KINDS = List.of("PERCENT", "FIXED", "SHIPPING", "TIERED", "PER_UNIT", "BUY_X_GET_Y",
            "FIXED_PRICE", "ORDER_AND_SHIPPING", "HOST");

    /** An example discount for each kind typed as JSON, shown beside the form's JSON field. */
    public static final Map<String, String> EXAMPLES = examples();

    /** How many audit entries a coupon's page shows, newest first. */
    public static final int TRAIL_SHOWN = 200;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final CouponKernel kernel;
    private final ApiJson json;
    private final CouponApi api;
    private final GenerationJobs jobs;
    private final FraudAlerts alerts;

    /**
     * @param kernel the kernel
     * @param json the JSON
     * @param api the REST API (its pattern reading and CSV export, written once)
     * @param jobs the code generations
     * @param alerts the recent fraud alerts
     */
    public AdminController(CouponKernel kernel, ApiJson json, CouponApi api, GenerationJobs jobs, FraudAlerts alerts) {
        this.kernel = kernel;
        this.json = json;
        this.api = api;
        this.jobs = jobs;
        this.alerts = alerts;
    }

    private static Map<String, String> examples() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TIERED", "{\"basis\": \"QUANTITY\", \"tiers\": [{\"fromQuantity\": 3, \"amounts\": [{\"amount\": \"5.00\", \"currency\": \"EUR\"}]}]}");
        m.put("PER_UNIT", "{\"amounts\": [{\"amount\": \"2.00\", \"currency\": \"EUR\"}], \"maxUnits\": 3, \"unitOrder\": \"CHEAPEST_FIRST\"}");
        m.put("BUY_X_GET_Y", "{\"buyQuantity\": 2, \"getQuantity\": 1, \"rewardScope\": {\"sellers\": [], \"includedSkus\": [], \"includedCategories\": [\"socks\"], \"excludedSkus\": [], \"excludedCategories\": []}, \"percent\": \"100\", \"maxApplications\": 1}");
        m.put("FIXED_PRICE", "{\"units\": 3, \"prices\": [{\"amount\": \"10.00\", \"currency\": \"EUR\"}]}");
        m.put("ORDER_AND_SHIPPING", "{\"amounts\": [{\"amount\": \"20.00\", \"currency\": \"EUR\"}]}");
        m.put("HOST", "{\"kind\": \"loyalty-points\", \"parameters\": {}}");
        return Map.copyOf(m);
    }

    /** @return the sign-in page */
    @GetMapping("/login")
    public String login() {
        return "admin/login";
    }

    /** @return the coupons */
    @GetMapping({"/", "/admin"})
    public String home() {
        return "redirect:/admin/coupons";
    }

    /**
     * @param q the search text
     * @param status one status, or all
     * @param page the page
     * @param model the page's model
     * @return the coupons page
     */
    @GetMapping("/admin/coupons")
    public String coupons(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "0") int page, Model model) {
        String error = null;
        CouponPage result;
        try {
            Optional<CouponStatus> only = Optional.empty();
            if (!status.isBlank()) {
                only = java.util.Arrays.stream(CouponStatus.values()).filter(s -> s.name().equals(status)).findFirst();
                if (only.isEmpty()) {
                    throw new InvalidInputException("status", "is not a status: " + status);
                }
            }
            result = kernel.search(new CouponQuery(q, only, Math.max(0, page), 25));
        } catch (InvalidInputException e) {
            error = e.getMessage();
            result = kernel.search(CouponQuery.all(0, 25));
        }
        model.addAttribute("page", result);
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("statuses", CouponStatus.values());
        model.addAttribute("error", error);
        return "admin/coupons";
    }

    /**
     * @param model the page's model
     * @return the form for a new coupon
     */
    @GetMapping("/admin/coupons/new")
    public String newCoupon(Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", "PERCENT");
        form.put("currency", "EUR");
        form.put("codes", "SHARED");
        form.put("reinstatePolicy", "NEVER");
        return form(model, form, Map.of());
    }

    private String form(Model model, Map<String, String> form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", KINDS);
        model.addAttribute("examples", EXAMPLES);
        return "admin/coupon-form";
    }

    /**
     * Creates a coupon from the form, or shows the form again with the message next to its field.
     *
     * @param form the fields
     * @param principal who
     * @param model the page's model
     * @return the coupon's page, or the form
     */
    @PostMapping("/admin/coupons")
    public String create(@RequestParam Map<String, String> form, Principal principal, Model model) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.remove("_csrf");
        String kind = fields.getOrDefault("kind", "PERCENT");
        try {
            CouponDefinition definition = json.definition(body(fields, kind));
            CouponRecord created = kernel.create(definition, staff(principal));
            return "redirect:/admin/coupons/" + created.id().value();
        } catch (BadJsonException e) {
            // the reader may name only the enclosing object ($.limits) and the value's own check the field
            return form(model, fields, Map.of(fieldOf(e.jsonPath() + " " + e.problem(), kind), e.getMessage()));
        } catch (InvalidInputException e) {
            return form(model, fields, Map.of(fieldOf(e.field(), kind), e.problem()));
        } catch (CouponKernelException e) {
            return form(model, fields, Map.of("form", e.getMessage()));
        }
    }

    /** The REST API's body for the form's fields, so that both read through the same rules. */
    private ObjectNode body(Map<String, String> f, String kind) {
        ObjectNode body = json.newObject();
        body.put("code", f.getOrDefault("code", ""));
        String currency = f.getOrDefault("currency", "EUR").trim();
        ObjectNode discount;
        switch (kind) {
            case "PERCENT" -> {
                discount = json.newObject();
                discount.put("percent", f.getOrDefault("percent", "").trim());
            }
            case "SHIPPING" -> {
                discount = json.newObject();
                discount.put("percent", text(f, "percent").orElse("100"));
            }
            case "FIXED" -> {
                discount = json.newObject();
                discount.putArray("amounts").addObject().put("amount", f.getOrDefault("amount", "").trim()).put("currency", currency);
            }
            default -> {
                String typed = text(f, "discountJson")
                        .orElseThrow(() -> new BadJsonException("$.discount", "is required for this kind; for example " + EXAMPLES.get(kind)));
                discount = json.object(typed, "$.discount");
            }
        }
        discount.put("type", kind);
        body.set("discount", discount);
        ObjectNode limits = limits(f, "$.limits", currency);
        if (!limits.isEmpty()) {
            body.set("limits", limits);
        }
        ObjectNode validity = json.newObject();
        text(f, "validFrom").ifPresent(v -> validity.put("validFrom", instant(v)));
        text(f, "validUntil").ifPresent(v -> validity.put("validUntil", instant(v)));
        if (!validity.isEmpty()) {
            body.set("validity", validity);
        }
        text(f, "codes").ifPresent(v -> body.put("codes", v));
        text(f, "reinstatePolicy").ifPresent(v -> body.put("reinstatePolicy", v));
        return body;
    }

    /** The limits' JSON from a form's fields (an empty field: no limit), at {@code path} in its body. */
    private ObjectNode limits(Map<String, String> f, String path, String currency) {
        ObjectNode limits = json.newObject();
        for (String field : List.of("maxTotalUses", "maxUsesPerUser", "maxUsesPerCode")) {
            number(f, field, path + "." + field).ifPresent(n -> limits.put(field, n));
        }
        text(f, "budget").ifPresent(b -> limits.putArray("budget").addObject().put("amount", b).put("currency", currency));
        return limits;
    }

    /** A browser's {@code datetime-local} value ({@code 2026-12-24T18:00}) as an instant in UTC. */
    private static String instant(String local) {
        return local.length() == 16 ? local + ":00Z" : local.endsWith("Z") ? local : local + "Z";
    }

    private static Optional<String> text(Map<String, String> f, String name) {
        String v = f.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static Optional<Long> number(Map<String, String> f, String name, String path) {
        return text(f, name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new BadJsonException(path, "must be a whole number");
            }
        });
    }

    /** The form field a JSON path or a kernel field name points at. */
    static String fieldOf(String where, String kind) {
        String w = where.startsWith("$.") ? where.substring(2) : where.startsWith("$ ") ? where.substring(2) : where;
        String head = w.split(" ", 2)[0];
        for (String limit : List.of("maxTotalUses", "maxUsesPerUser", "maxUsesPerCode", "validFrom", "validUntil",
                "reinstatePolicy")) {
            if (w.contains(limit)) {
                return limit;
            }
        }
        if (w.contains("budget")) {
            return "budget";
        }
        if (head.equals("codes")) {
            return "codes";
        }
        if (head.equals("code") || head.equals("couponCode") || head.startsWith("code.")) {
            return "code";
        }
        if (head.startsWith("discount") || head.startsWith("percent") || head.startsWith("amount")) {
            return switch (kind) {
                case "PERCENT", "SHIPPING" -> "percent";
                case "FIXED" -> w.contains("currency") ? "currency" : "amount";
                default -> "discountJson";
            };
        }
        if (head.startsWith("limits")) {
            return "maxTotalUses";
        }
        if (head.startsWith("validity")) {
            return "validUntil";
        }
        return "form";
    }

    /**
     * @param couponId the coupon
     * @param model the page's model
     * @return the coupon's page
     */
    @GetMapping("/admin/coupons/{couponId}")
    public String coupon(@PathVariable String couponId, Model model) {
        CouponRecord coupon = load(couponId);
        long trailSize = kernel.auditTrailSize(coupon.id());
        List<AuditEntry> recent = recentTrail(coupon.id(), trailSize);
        List<AuditEntry> shown = new ArrayList<>(recent.subList(Math.max(0, recent.size() - TRAIL_SHOWN), recent.size()));
        java.util.Collections.reverse(shown);
        model.addAttribute("coupon", coupon);
        model.addAttribute("definition", json.pretty(coupon.definition()));
        model.addAttribute("summary", kernel.usageSummary(coupon.id()));
        model.addAttribute("chart", chart(recent));
        model.addAttribute("trail", shown);
        model.addAttribute("trailSize", trailSize);
        model.addAttribute("readSize", recent.size());
        model.addAttribute("verification", kernel.verifyAuditTrail(coupon.id()));
        model.addAttribute("campaign", coupon.definition().codes() == CodeMode.UNIQUE);
        model.addAttribute("codeCount", coupon.definition().codes() == CodeMode.UNIQUE ? kernel.campaigns().count(coupon.id()) : 0);
        model.addAttribute("alerts", alerts.recent().stream().filter(a -> a.alert().couponId().equals(coupon.id())).limit(20).toList());
        model.addAttribute("limits", coupon.definition().limits());
        return "admin/coupon";
    }

    /** How many of a coupon's newest audit entries its page reads, for the chart and the list. */
    public static final int TRAIL_READ = 10 * dev.couponkernel.spi.store.AuditTrail.MAX_PAGE;

    /** The newest {@link #TRAIL_READ} entries of a trail of the given length, oldest first, a page at a time. */
    private List<AuditEntry> recentTrail(dev.couponkernel.spi.value.CouponId couponId, long size) {
        List<AuditEntry> recent = new ArrayList<>();
        long from = Math.max(0, size - TRAIL_READ);
        while (from < size) {
            List<AuditEntry> page = kernel.auditTrail(couponId, from, dev.couponkernel.spi.store.AuditTrail.MAX_PAGE);
            if (page.isEmpty()) {
                break;
            }
            recent.addAll(page);
            from += page.size();
        }
        return recent;
    }

    /** One bar of the chart of uses over time. */
    public record Bar(String label, long locks, long redeems, int lockHeight, int redeemHeight) {}

    /**
     * Locks and redeems per hour when the trail spans at most two days, otherwise per day (the last 30).
     *
     * @param trail the coupon's audit trail
     * @return the bars, oldest first
     */
    static List<Bar> chart(List<AuditEntry> trail) {
        List<AuditEntry> uses = trail.stream()
                .filter(e -> e.action() == AuditAction.USAGE_LOCKED || e.action() == AuditAction.USAGE_REDEEMED).toList();
        if (uses.isEmpty()) {
            return List.of();
        }
        Instant first = uses.get(0).at();
        Instant last = uses.get(uses.size() - 1).at();
        boolean hourly = ChronoUnit.HOURS.between(first, last) <= 48;
        ChronoUnit unit = hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        TreeMap<Instant, long[]> buckets = new TreeMap<>();
        for (Instant t = first.truncatedTo(unit); !t.isAfter(last); t = t.plus(1, unit)) {
            buckets.put(t, new long[2]);
        }
        for (AuditEntry e : uses) {
            long[] b = buckets.computeIfAbsent(e.at().truncatedTo(unit), k -> new long[2]);
            b[e.action() == AuditAction.USAGE_LOCKED ? 0 : 1]++;
        }
        while (buckets.size() > (hourly ? 48 : 30)) {
            buckets.pollFirstEntry();
        }
        long max = buckets.values().stream().mapToLong(b -> Math.max(b[0], b[1])).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        buckets.forEach((t, b) -> bars.add(new Bar((hourly ? HOUR : DAY).format(t), b[0], b[1],
                (int) (b[0] * 100 / Math.max(1, max)), (int) (b[1] * 100 / Math.max(1, max)))));
        return bars;
    }

    /**
     * Moves a coupon's status.
     *
     * @param couponId the coupon
     * @param action {@code activate}, {@code suspend}, {@code lift-suspension} or {@code disable}
     * @param reason why (not needed to activate)
     * @param principal who
     * @param flash the message for the next page
     * @return the coupon's page
     */
    @PostMapping("/admin/coupons/{couponId}/{action:activate|suspend|lift-suspension|disable}")
    public String status(@PathVariable String couponId, @PathVariable String action,
            @RequestParam(defaultValue = "") String reason, Principal principal, RedirectAttributes flash) {
        CouponId id = load(couponId).id();
        Actor actor = staff(principal);
        String why = reason.isBlank() ? "by staff on the admin page" : reason;
        try {
            CouponRecord after = switch (action) {
                case "activate" -> kernel.activate(id, actor);
                case "suspend" -> kernel.suspend(id, actor, why);
                case "lift-suspension" -> kernel.liftSuspension(id, actor, why);
                case "disable" -> kernel.disable(id, actor, why);
                default -> throw new NotFoundException("no action " + action);
            };
            flash.addFlashAttribute("message", "The coupon is " + after.status().name().toLowerCase(Locale.ROOT) + ".");
        } catch (CouponKernelException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/coupons/" + couponId;
    }

    /**
     * Changes a coupon's limits; an empty field means no limit.
     *
     * @param couponId the coupon
     * @param form the fields
     * @param principal who
     * @param flash the message for the next page
     * @return the coupon's page
     */
    @PostMapping("/admin/coupons/{couponId}/limits")
    public String limits(@PathVariable String couponId, @RequestParam Map<String, String> form, Principal principal,
            RedirectAttributes flash) {
        CouponRecord coupon = load(couponId);
        try {
            ObjectNode limits = limits(form, "$", text(form, "currency").orElse("EUR"));
            kernel.changeLimits(coupon.id(), json.read(limits, "$", UsageLimits.class), staff(principal));
            flash.addFlashAttribute("message", "The limits are changed.");
        } catch (BadJsonException | CouponKernelException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/coupons/" + couponId;
    }

    /**
     * Starts generating codes for a campaign and shows its progress.
     *
     * @param couponId the coupon
     * @param form count, prefix, length, groupSize
     * @param principal who
     * @param flash the message for the next page
     * @return the job's page, or the coupon's with the error
     */
    @PostMapping("/admin/coupons/{couponId}/codes")
    public String generate(@PathVariable String couponId, @RequestParam Map<String, String> form, Principal principal,
            RedirectAttributes flash) {
        CouponRecord coupon = load(couponId);
        try {
            long count = number(form, "count", "$.count").orElseThrow(() -> new BadJsonException("$.count", "is required"));
            if (count < 1 || count > CouponApi.MAX_GENERATE) {
                throw new BadJsonException("$.count", "must be 1 to " + CouponApi.MAX_GENERATE);
            }
            ObjectNode pattern = json.newObject();
            text(form, "prefix").ifPresent(v -> pattern.put("prefix", v));
            number(form, "length", "$.pattern.length").ifPresent(v -> pattern.put("length", v));
            number(form, "groupSize", "$.pattern.groupSize").ifPresent(v -> pattern.put("groupSize", v));
            CodePattern p = api.pattern(pattern);
            GenerationJobs.Job job = jobs.start(coupon.id(), p, count, staff(principal));
            return "redirect:/admin/jobs/" + job.id();
        } catch (BadJsonException | CouponKernelException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/coupons/" + couponId;
    }

    /**
     * @param jobId a generation
     * @param model the page's model
     * @return its page with a progress bar
     */
    @GetMapping("/admin/jobs/{jobId}")
    public String job(@PathVariable String jobId, Model model) {
        model.addAttribute("job", jobs.find(jobId).orElseThrow(() -> new NotFoundException("no job " + jobId)));
        return "admin/job";
    }

    /**
     * @param jobId a generation
     * @return its progress, for the page's script
     */
    @GetMapping(path = "/admin/jobs/{jobId}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> progress(@PathVariable String jobId) {
        GenerationJobs.Job job = jobs.find(jobId).orElseThrow(() -> new NotFoundException("no job " + jobId));
        ObjectNode out = json.newObject();
        out.put("state", job.state().name());
        out.put("stored", job.stored());
        out.put("count", job.count());
        out.put("percent", job.percent());
        if (job.error() != null) {
            out.put("error", job.error());
        }
        return ResponseEntity.ok(json.write(out));
    }

    /**
     * @param couponId the coupon
     * @param response the CSV, streamed
     * @throws IOException when the browser goes away
     */
    @GetMapping(path = "/admin/coupons/{couponId}/codes.csv", produces = "text/csv")
    public void codes(@PathVariable String couponId, HttpServletResponse response) throws IOException {
        api.export(couponId, response);
    }

    /**
     * @param model the page's model
     * @return the fraud guard's recent alerts
     */
    @GetMapping("/admin/alerts")
    public String alerts(Model model) {
        model.addAttribute("alerts", alerts.recent());
        return "admin/alerts";
    }

    private CouponRecord load(String couponId) {
        return kernel.findById(CouponId.of(couponId)).orElseThrow(() -> new NotFoundException("no coupon " + couponId));
    }

    private static Actor staff(Principal principal) {
        return Actor.of("staff:" + principal.getName());
    }
}
