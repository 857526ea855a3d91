package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.value.CouponId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The combining queue on its own: batching, per-caller results and failures, interrupts. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CombinerTest {

    private static final CouponId COUPON = CouponId.of("c-1");

    @Test
    void operationsQueuedWhileABatchRunsGoTogetherIntoTheNextAndEachCallerGetsItsOwnResult() throws Exception {
        CountDownLatch firstBatchRunning = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        Combiner combiner = new Combiner(100, (coupon, slots) -> {
            batchSizes.add(slots.size());
            if (batchSizes.size() == 1) {
                firstBatchRunning.countDown();
                await(releaseFirstBatch);
            }
            for (Combiner.Slot s : slots) {
                s.complete("done:" + s.op);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(11);
        Future<Object> first = pool.submit(() -> combiner.submit(COUPON, "op-0"));
        assertThat(firstBatchRunning.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<Object>> queued = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String op = "op-" + i;
            queued.add(pool.submit(() -> combiner.submit(COUPON, op)));
        }
        Thread.sleep(200); // let all ten queue behind the running batch
        releaseFirstBatch.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("done:op-0");
        for (int i = 1; i <= 10; i++) {
            assertThat(queued.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("done:op-" + i);
        }
        pool.shutdown();
        assertThat(batchSizes.get(0)).isEqualTo(1);
        assertThat(batchSizes.subList(1, batchSizes.size())).as("the ten queued operations, batched").contains(10);
    }

    @Test
    void aFailedOperationFailsOnlyItsCaller() {
        Combiner combiner = new Combiner(10, (coupon, slots) -> {
            for (Combiner.Slot s : slots) {
                if (s.op.equals("bad")) {
                    s.fail(new IllegalStateException("refused"));
                } else {
                    s.complete("ok");
                }
            }
        });
        assertThat((Object) combiner.submit(COUPON, "good")).isEqualTo("ok");
        assertThatThrownBy(() -> combiner.submit(COUPON, "bad")).isInstanceOf(IllegalStateException.class).hasMessage("refused");
    }

    @Test
    void anInterruptedCallerStillGetsItsResultAndKeepsTheInterrupt() throws Exception {
        CountDownLatch leaderRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Combiner combiner = new Combiner(10, (coupon, slots) -> {
            leaderRunning.countDown();
            await(release);
            for (Combiner.Slot s : slots) {
                s.complete("ran:" + s.op);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Object> leader = pool.submit(() -> combiner.submit(COUPON, "a"));
        assertThat(leaderRunning.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean keptInterrupt = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            Object result = combiner.submit(COUPON, "b");
            keptInterrupt.set(Thread.currentThread().isInterrupted() && "ran:b".equals(result));
        });
        waiter.start();
        Thread.sleep(100);
        waiter.interrupt();
        Thread.sleep(100);
        release.countDown();
        waiter.join(10_000);
        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("ran:a");
        assertThat(keptInterrupt).isTrue();
        pool.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
