package dev.couponkernel.service.admin;

import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.campaign.CodePattern;
import dev.couponkernel.spi.error.CouponKernelException;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponId;
import jakarta.annotation.PreDestroy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Code generations started from the admin page, run one at a time on a thread of their own so that a
 * million codes do not hold a request; the page polls a job's progress. The job's id is the batch's id,
 * so a generation retried after a failure adds nothing twice. The {@value #KEPT} most recent jobs are
 * kept, in memory.
 *
 * <p>Thread-safe.
 */
@Component
public class GenerationJobs {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationJobs.class);

    /** How many jobs are remembered. */
    public static final int KEPT = 100;

    /** A job's state. */
    public enum State {
        /** Waiting for an earlier job. */
        QUEUED,
        /** Storing codes. */
        RUNNING,
        /** Every code stored. */
        DONE,
        /** Refused or failed; {@link Job#error()} says why. */
        FAILED
    }

    /** One generation: what it makes and how far it is. */
    public static final class Job {
        private final String id;
        private final CouponId couponId;
        private final long count;
        private final AtomicLong stored = new AtomicLong();
        private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
        private final AtomicReference<String> error = new AtomicReference<>();

        Job(String id, CouponId couponId, long count) {
            this.id = id;
            this.couponId = couponId;
            this.count = count;
        }

        /** @return the job's id, also the batch's id */
        public String id() {
            return id;
        }

        /** @return the coupon */
        public CouponId couponId() {
            return couponId;
        }

        /** @return how many codes it makes */
        public long count() {
            return count;
        }

        /** @return how many are stored so far */
        public long stored() {
            return stored.get();
        }

        /** @return the state */
        public State state() {
            return state.get();
        }

        /** @return why it failed, or null */
        public String error() {
            return error.get();
        }

        /** @return the share stored, 0 to 100 */
        public int percent() {
            return (int) Math.min(100, stored() * 100 / Math.max(1, count));
        }
    }

    private final CouponKernel kernel;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "coupon-code-generation");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    /** @param kernel the kernel */
    public GenerationJobs(CouponKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Starts a generation; its pattern is checked before it is queued.
     *
     * @param couponId the campaign coupon
     * @param pattern the codes' shape
     * @param count how many
     * @param actor who
     * @return the job
     */
    public Job start(CouponId couponId, CodePattern pattern, long count, Actor actor) {
        Job job = new Job(UUID.randomUUID().toString(), couponId, count);
        synchronized (jobs) {
            jobs.put(job.id(), job);
            while (jobs.size() > KEPT) {
                jobs.remove(jobs.keySet().iterator().next());
            }
        }
        worker.execute(() -> run(job, pattern, actor));
        return job;
    }

    private void run(Job job, CodePattern pattern, Actor actor) {
        job.state.set(State.RUNNING);
        try {
            kernel.campaigns().generate(job.couponId(), pattern, job.count(), job.id(), actor, job.stored::set);
            job.stored.set(job.count());
            job.state.set(State.DONE);
        } catch (CouponKernelException e) {
            job.error.set(e.getMessage());
            job.state.set(State.FAILED);
        } catch (RuntimeException e) {
            LOG.error("code generation {} failed", job.id(), e);
            job.error.set("the generation failed; the service's log has the cause");
            job.state.set(State.FAILED);
        }
    }

    /**
     * @param id a job's id
     * @return the job, if remembered
     */
    public Optional<Job> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** Stops the worker with the application. */
    @PreDestroy
    public void stop() {
        worker.shutdownNow();
    }
}
