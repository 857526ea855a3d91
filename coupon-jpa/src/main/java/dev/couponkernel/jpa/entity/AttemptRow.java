package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One validate or apply attempt, as the fraud guard's signals read it. Append-only apart from the retention purge. Table {@code coupon_attempt}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkAttempt")
@Table(name = "coupon_attempt")
public class AttemptRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "seq", nullable = false)
    private Long seq;

    @Column(name = "at", nullable = false)
    private Instant at;

    @Column(name = "kind", nullable = false, length = 16)
    private String kind;

    @Column(name = "code_typed", nullable = false, length = 64)
    private String codeTyped;

    @Column(name = "user_id", nullable = false, length = 128)
    private String userId;

    @Column(name = "account_created_at", nullable = false)
    private Instant accountCreatedAt;

    @Column(name = "device", length = 256)
    private String device;

    @Column(name = "ip", length = 256)
    private String ip;

    @Column(name = "payment", length = 256)
    private String payment;

    @Column(name = "cart_value", nullable = false, length = 40)
    private String cartValue;

    @Column(name = "coupon_id", length = 128)
    private String couponId;

    @Column(name = "outcome", nullable = false, length = 16)
    private String outcome;

    @Column(name = "reason", length = 32)
    private String reason;

    @Column(name = "score", nullable = false)
    private int score;

    @Column(name = "decision", nullable = false, length = 16)
    private String decision;

    @Column(name = "signals", nullable = false, length = 1000000)
    private String signals;

    /** For the persistence provider. */
    protected AttemptRow() {}

    /**
     * A new row.
     *
     * @param at column {@code at}
     * @param kind column {@code kind}
     * @param codeTyped column {@code code_typed}
     * @param userId column {@code user_id}
     * @param accountCreatedAt column {@code account_created_at}
     * @param device column {@code device} (nullable)
     * @param ip column {@code ip} (nullable)
     * @param payment column {@code payment} (nullable)
     * @param cartValue column {@code cart_value}
     * @param couponId column {@code coupon_id} (nullable)
     * @param outcome column {@code outcome}
     * @param reason column {@code reason} (nullable)
     * @param score column {@code score}
     * @param decision column {@code decision}
     * @param signals column {@code signals}
     */
    public AttemptRow(Instant at, String kind, String codeTyped, String userId, Instant accountCreatedAt, String device, String ip, String payment, String cartValue, String couponId, String outcome, String reason, int score, String decision, String signals) {
        this.at = at;
        this.kind = kind;
        this.codeTyped = codeTyped;
        this.userId = userId;
        this.accountCreatedAt = accountCreatedAt;
        this.device = device;
        this.ip = ip;
        this.payment = payment;
        this.cartValue = cartValue;
        this.couponId = couponId;
        this.outcome = outcome;
        this.reason = reason;
        this.score = score;
        this.decision = decision;
        this.signals = signals;
    }

    /** @return column {@code seq} */
    public Long getSeq() {
        return seq;
    }

    /** @return column {@code at} */
    public Instant getAt() {
        return at;
    }

    /** @return column {@code kind} */
    public String getKind() {
        return kind;
    }

    /** @return column {@code code_typed} */
    public String getCodeTyped() {
        return codeTyped;
    }

    /** @return column {@code user_id} */
    public String getUserId() {
        return userId;
    }

    /** @return column {@code account_created_at} */
    public Instant getAccountCreatedAt() {
        return accountCreatedAt;
    }

    /** @return column {@code device} */
    public String getDevice() {
        return device;
    }

    /** @return column {@code ip} */
    public String getIp() {
        return ip;
    }

    /** @return column {@code payment} */
    public String getPayment() {
        return payment;
    }

    /** @return column {@code cart_value} */
    public String getCartValue() {
        return cartValue;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code outcome} */
    public String getOutcome() {
        return outcome;
    }

    /** @return column {@code reason} */
    public String getReason() {
        return reason;
    }

    /** @return column {@code score} */
    public int getScore() {
        return score;
    }

    /** @return column {@code decision} */
    public String getDecision() {
        return decision;
    }

    /** @return column {@code signals} */
    public String getSignals() {
        return signals;
    }
}
