package dev.couponkernel.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code couponkernel.*} settings of the starter. A setting left unset keeps the library's own
 * default, named on each setting; an invalid value fails the start-up with the library's message
 * naming the setting. Mutable, as Spring binds it; read once at start-up.
 */
@ConfigurationProperties(prefix = "couponkernel")
public class CouponKernelProperties {

    /** Which storage the kernel uses. */
    public enum StorageType {
        /** coupon-jdbc on the application's {@code DataSource}. */
        JDBC,
        /** coupon-jpa on the application's {@code EntityManagerFactory}, whose unit holds the kernel's entities. */
        JPA
    }

    /** How the kernel's tables are created and upgraded at start-up. */
    public enum SchemaMode {
        /** Flyway runs the kernel's versioned migrations, with a history table of their own. */
        FLYWAY,
        /** {@code SchemaInstaller} creates what is missing, without Flyway. */
        INSTALLER,
        /** Nothing: the host's DBA installs the schema. */
        NONE
    }

    /** Whether the starter configures a kernel at all. */
    private boolean enabled = true;

    /** The storage: JDBC on the application's DataSource, or JPA on its EntityManagerFactory. */
    private StorageType storage = StorageType.JDBC;

    /**
     * Whether commands join the Spring-managed transaction in progress (a {@code @Transactional}
     * method's): a checkout's usage, audit entry and event then commit or roll back with the host's
     * own writes. Outside a transaction every command runs in a transaction of its own.
     */
    private boolean joinTransactions = true;

    /**
     * How long a lock holds a use before the expiry sweep releases it; the library's default (15
     * minutes) when unset.
     */
    private Duration lockTtl;

    /** The most coupons one checkout may carry; the library's default (5) when unset. */
    private Integer maxCouponsPerCheckout;

    /** The most codes one request may carry; the maximum coupons per checkout when unset. */
    private Integer maxCodesPerRequest;

    /**
     * How coupons that do not combine are chosen among: {@code priority} (the shop's priorities
     * decide) or {@code best-for-customer} (the choice that takes the most off); the library's
     * default ({@code priority}) when unset.
     */
    private dev.couponkernel.core.pricing.StackingSelection stackingSelection;

    /**
     * The most pending events a command relays on its own thread after it commits, 0 for none
     * (the scheduled relay then publishes them); the library's default (16) when unset.
     */
    private Integer relayAfterCommand;

    private final Schema schema = new Schema();
    private final Jdbc jdbc = new Jdbc();
    private final Retry retry = new Retry();
    private final Sweep sweep = new Sweep();
    private final Relay relay = new Relay();
    private final Fraud fraud = new Fraud();
    private final Metrics metrics = new Metrics();
    private final Health health = new Health();
    private final Consistency consistency = new Consistency();

    /** @return whether the starter configures a kernel */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether the starter configures a kernel */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the storage */
    public StorageType getStorage() {
        return storage;
    }

    /** @param storage the storage */
    public void setStorage(StorageType storage) {
        this.storage = storage;
    }

    /** @return whether commands join the Spring-managed transaction in progress */
    public boolean isJoinTransactions() {
        return joinTransactions;
    }

    /** @param joinTransactions whether commands join the Spring-managed transaction in progress */
    public void setJoinTransactions(boolean joinTransactions) {
        this.joinTransactions = joinTransactions;
    }

    /** @return the lock's time to live, or null for the library's default */
    public Duration getLockTtl() {
        return lockTtl;
    }

    /** @param lockTtl the lock's time to live */
    public void setLockTtl(Duration lockTtl) {
        this.lockTtl = lockTtl;
    }

    /** @return the most coupons per checkout, or null for the library's default */
    public Integer getMaxCouponsPerCheckout() {
        return maxCouponsPerCheckout;
    }

    /** @param maxCouponsPerCheckout the most coupons per checkout */
    public void setMaxCouponsPerCheckout(Integer maxCouponsPerCheckout) {
        this.maxCouponsPerCheckout = maxCouponsPerCheckout;
    }

    /** @return how coupons that do not combine are chosen among, or null for the library's default */
    public dev.couponkernel.core.pricing.StackingSelection getStackingSelection() {
        return stackingSelection;
    }

    /** @param stackingSelection how coupons that do not combine are chosen among */
    public void setStackingSelection(dev.couponkernel.core.pricing.StackingSelection stackingSelection) {
        this.stackingSelection = stackingSelection;
    }

    /** @return the most codes per request, or null for the library's default */
    public Integer getMaxCodesPerRequest() {
        return maxCodesPerRequest;
    }

    /** @param maxCodesPerRequest the most codes per request */
    public void setMaxCodesPerRequest(Integer maxCodesPerRequest) {
        this.maxCodesPerRequest = maxCodesPerRequest;
    }

    /** @return the most events relayed after a command, or null for the library's default */
    public Integer getRelayAfterCommand() {
        return relayAfterCommand;
    }

    /** @param relayAfterCommand the most events relayed after a command */
    public void setRelayAfterCommand(Integer relayAfterCommand) {
        this.relayAfterCommand = relayAfterCommand;
    }

    /** @return the schema settings */
    public Schema getSchema() {
        return schema;
    }

    /** @return the JDBC storage's settings */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /** @return the retry of lost races */
    public Retry getRetry() {
        return retry;
    }

    /** @return the expiry sweep's schedule */
    public Sweep getSweep() {
        return sweep;
    }

    /** @return the outbox relay's schedule */
    public Relay getRelay() {
        return relay;
    }

    /** @return the fraud guard's settings */
    public Fraud getFraud() {
        return fraud;
    }

    /** @return the metrics' settings */
    public Metrics getMetrics() {
        return metrics;
    }

    /** @return the health indicator's settings */
    public Health getHealth() {
        return health;
    }

    /** @return the scheduled consistency check's settings */
    public Consistency getConsistency() {
        return consistency;
    }

    /** Metrics, when the application has a Micrometer {@code MeterRegistry} (Spring Boot Actuator). */
    public static class Metrics {

        /** Whether the kernel's commands, fraud verdicts, retries and storage are metered. */
        private boolean enabled = true;

        /** How long one reading of the relay's and the sweep's backlog serves the gauges, however often they are scraped. */
        private Duration backlogRefresh = Duration.ofSeconds(5);

        /** @return whether the kernel is metered */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the kernel is metered */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return how long one backlog reading serves */
        public Duration getBacklogRefresh() {
            return backlogRefresh;
        }

        /** @param backlogRefresh how long one backlog reading serves */
        public void setBacklogRefresh(Duration backlogRefresh) {
            this.backlogRefresh = backlogRefresh;
        }
    }

    /** The Actuator health indicator {@code couponkernel}. */
    public static class Health {

        /** Beyond this, a pending event's wait makes the indicator DOWN (the relay is stuck or too slow). */
        private Duration maxRelayLag = Duration.ofMinutes(5);

        /** Beyond this, an expired lock's wait for the sweep makes the indicator DOWN. */
        private Duration maxSweepLag = Duration.ofMinutes(5);

        /** @return the longest relay lag that is still healthy */
        public Duration getMaxRelayLag() {
            return maxRelayLag;
        }

        /** @param maxRelayLag the longest relay lag that is still healthy */
        public void setMaxRelayLag(Duration maxRelayLag) {
            this.maxRelayLag = maxRelayLag;
        }

        /** @return the longest sweep lag that is still healthy */
        public Duration getMaxSweepLag() {
            return maxSweepLag;
        }

        /** @param maxSweepLag the longest sweep lag that is still healthy */
        public void setMaxSweepLag(Duration maxSweepLag) {
            this.maxSweepLag = maxSweepLag;
        }
    }

    /** The JDBC storage's consistency check (counts, usages, audit chains and events agree), run on a schedule. */
    public static class Consistency {

        /**
         * The pause between two checks on this instance; unset, the check never runs on a schedule.
         * Each check reads every coupon's counts and audit chain: run it where that load is welcome.
         */
        private Duration interval;

        /** @return the pause between two checks, or null for none */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval the pause between two checks */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** Schema settings. */
    public static class Schema {

        /** How the kernel's tables are created and upgraded at start-up. */
        private SchemaMode mode = SchemaMode.FLYWAY;

        /**
         * Flyway's history table for the kernel's migrations, apart from the host's own so the two
         * version sequences never collide.
         */
        private String table = "coupon_kernel_schema_history";

        /** @return the mode */
        public SchemaMode getMode() {
            return mode;
        }

        /** @param mode the mode */
        public void setMode(SchemaMode mode) {
            this.mode = mode;
        }

        /** @return Flyway's history table for the kernel's migrations */
        public String getTable() {
            return table;
        }

        /** @param table Flyway's history table for the kernel's migrations */
        public void setTable(String table) {
            this.table = table;
        }
    }

    /** Settings of the JDBC storage. */
    public static class Jdbc {

        /** The longest a statement of the storage may run, whole seconds; the database's own setting when unset. */
        private Duration statementTimeout;

        /** How long a coupon looked up by code is served from memory, zero for no cache; 1 second when unset. */
        private Duration validationCacheTtl;

        /** The most codes the validation cache holds; 10,000 when unset. */
        private Integer validationCacheSize;

        /**
         * Up to how many concurrent locks, redeems and releases of one coupon share a transaction
         * (1 to 1,000); 1, no combining, when unset. Work joined to a host's transaction is never combined.
         */
        private Integer combineConcurrentWrites;

        /** @return the statement timeout, or null */
        public Duration getStatementTimeout() {
            return statementTimeout;
        }

        /** @param statementTimeout the statement timeout */
        public void setStatementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
        }

        /** @return the validation cache's time to live, or null */
        public Duration getValidationCacheTtl() {
            return validationCacheTtl;
        }

        /** @param validationCacheTtl the validation cache's time to live */
        public void setValidationCacheTtl(Duration validationCacheTtl) {
            this.validationCacheTtl = validationCacheTtl;
        }

        /** @return the validation cache's size, or null */
        public Integer getValidationCacheSize() {
            return validationCacheSize;
        }

        /** @param validationCacheSize the validation cache's size */
        public void setValidationCacheSize(Integer validationCacheSize) {
            this.validationCacheSize = validationCacheSize;
        }

        /** @return the most operations combined per transaction, or null */
        public Integer getCombineConcurrentWrites() {
            return combineConcurrentWrites;
        }

        /** @param combineConcurrentWrites the most operations combined per transaction */
        public void setCombineConcurrentWrites(Integer combineConcurrentWrites) {
            this.combineConcurrentWrites = combineConcurrentWrites;
        }
    }

    /** How a transaction that lost a race is run again (either storage, when it runs alone). */
    public static class Retry {

        /** The most tries of one unit of work, the first included; 20 when unset. */
        private Integer maxAttempts;

        /** The wait after the first lost race; 1 ms when unset. */
        private Duration firstBackOff;

        /** The longest wait between tries; 50 ms when unset. */
        private Duration longestBackOff;

        /** How much each wait grows over the one before; 2 when unset. */
        private Double multiplier;

        /** The share of each wait drawn at random, 0 to 1; 0.5 when unset. */
        private Double jitter;

        /** @return the most tries, or null */
        public Integer getMaxAttempts() {
            return maxAttempts;
        }

        /** @param maxAttempts the most tries */
        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /** @return the first wait, or null */
        public Duration getFirstBackOff() {
            return firstBackOff;
        }

        /** @param firstBackOff the first wait */
        public void setFirstBackOff(Duration firstBackOff) {
            this.firstBackOff = firstBackOff;
        }

        /** @return the longest wait, or null */
        public Duration getLongestBackOff() {
            return longestBackOff;
        }

        /** @param longestBackOff the longest wait */
        public void setLongestBackOff(Duration longestBackOff) {
            this.longestBackOff = longestBackOff;
        }

        /** @return the growth of each wait, or null */
        public Double getMultiplier() {
            return multiplier;
        }

        /** @param multiplier the growth of each wait */
        public void setMultiplier(Double multiplier) {
            this.multiplier = multiplier;
        }

        /** @return the random share of each wait, or null */
        public Double getJitter() {
            return jitter;
        }

        /** @param jitter the random share of each wait */
        public void setJitter(Double jitter) {
            this.jitter = jitter;
        }
    }

    /** The expiry sweep, which releases locks past their time to live. Safe on many instances at once. */
    public static class Sweep {

        /** Whether this instance runs the sweep. */
        private boolean enabled = true;

        /** The pause between two sweeps. */
        private Duration interval = Duration.ofSeconds(30);

        /** The most locks one sweep releases. */
        private int maxLocks = 1_000;

        /** @return whether this instance runs the sweep */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether this instance runs the sweep */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the pause between two sweeps */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval the pause between two sweeps */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** @return the most locks one sweep releases */
        public int getMaxLocks() {
            return maxLocks;
        }

        /** @param maxLocks the most locks one sweep releases */
        public void setMaxLocks(int maxLocks) {
            this.maxLocks = maxLocks;
        }
    }

    /** The outbox relay, which publishes pending events. Safe on many instances at once. */
    public static class Relay {

        /** Whether this instance runs the relay. */
        private boolean enabled = true;

        /** The pause between two relays. */
        private Duration interval = Duration.ofSeconds(1);

        /** @return whether this instance runs the relay */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether this instance runs the relay */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the pause between two relays */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval the pause between two relays */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** The fraud guard: screens validate and apply attempts before the lock. */
    public static class Fraud {

        /** Whether the fraud guard screens attempts. */
        private boolean enabled = true;

        /** Whether the library's standard signals (velocity, code enumeration, new accounts, ...) are used besides the host's {@code FraudSignalProvider} beans. */
        private boolean standardProviders = true;

        /** The score from which an attempt is reviewed; 40 when unset. */
        private Integer reviewFrom;

        /** The score from which an attempt is blocked; 70 when unset. */
        private Integer blockFrom;

        /** The score a provider that throws adds, 0 (fail open) to 100 (fail closed); 0 when unset. */
        private Integer failureScore;

        /** @return whether the fraud guard screens attempts */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the fraud guard screens attempts */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return whether the standard signals are used */
        public boolean isStandardProviders() {
            return standardProviders;
        }

        /** @param standardProviders whether the standard signals are used */
        public void setStandardProviders(boolean standardProviders) {
            this.standardProviders = standardProviders;
        }

        /** @return the review threshold, or null */
        public Integer getReviewFrom() {
            return reviewFrom;
        }

        /** @param reviewFrom the review threshold */
        public void setReviewFrom(Integer reviewFrom) {
            this.reviewFrom = reviewFrom;
        }

        /** @return the block threshold, or null */
        public Integer getBlockFrom() {
            return blockFrom;
        }

        /** @param blockFrom the block threshold */
        public void setBlockFrom(Integer blockFrom) {
            this.blockFrom = blockFrom;
        }

        /** @return the failure score, or null */
        public Integer getFailureScore() {
            return failureScore;
        }

        /** @param failureScore the failure score */
        public void setFailureScore(Integer failureScore) {
            this.failureScore = failureScore;
        }
    }
}
