package dev.couponkernel.core.campaign;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Makes codes of a {@link CodePattern}: unpredictable, and distinct by construction. The {@code n}-th
 * code is a keyed pseudo-random permutation of {@code n} over the pattern's space (a balanced Feistel
 * network of eight SipHash-2-4 rounds under a 128-bit secret, walking cycles back into the space),
 * written in the pattern's charset. Different indexes give different codes, so a batch needs no set of
 * the codes made so far and memory stays flat in the count; a campaign that keeps its secret and
 * continues from the number of codes issued ({@code firstIndex}) gets codes distinct from every
 * earlier batch without reading them. Without the secret, the codes issued say nothing about the
 * others: guessing one is as hard as {@link CodePattern#guessingOdds} states. Codes that exist for
 * another reason (another coupon, an import) are the store's unique index's to refuse.
 *
 * <p>Spaces larger than 2<sup>128</sup> codes are used up to 2<sup>128</sup>, which no batch comes near.
 *
 * <p>Immutable and thread-safe; the streams it returns are not.
 */
public final class CodeGenerator {

    /** The most codes one call makes. */
    public static final long MAX_COUNT = 1_000_000L;

    private static final BigInteger MAX_DOMAIN = BigInteger.ONE.shiftLeft(128);
    private static final int ROUNDS = 8;

    private final long k0;
    private final long k1;

    private CodeGenerator(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** @return a generator with a fresh secret from {@link SecureRandom} */
    public static CodeGenerator create() {
        SecureRandom random = new SecureRandom();
        return new CodeGenerator(random.nextLong(), random.nextLong());
    }

    /**
     * A generator with a secret the host keeps (for example to continue a campaign's codes later).
     *
     * @param secret 16 bytes, from a secure random source, kept secret
     * @return the generator
     */
    public static CodeGenerator withSecret(byte[] secret) {
        Checks.notNull(secret, "secret");
        if (secret.length != 16) {
            throw new InvalidInputException("secret", "must be 16 bytes, was " + secret.length);
        }
        long a = 0;
        long b = 0;
        for (int i = 0; i < 8; i++) {
            a = (a << 8) | (secret[i] & 0xFF);
            b = (b << 8) | (secret[i + 8] & 0xFF);
        }
        return new CodeGenerator(a, b);
    }

    /**
     * Streams {@code count} codes: the codes of indexes {@code firstIndex} to {@code firstIndex + count - 1}.
     *
     * @param pattern the codes' shape
     * @param count how many, 1 to {@value #MAX_COUNT}
     * @param firstIndex the first index, usually the number of codes the pattern issued before with this secret
     * @return the codes, distinct, made as the stream is read
     * @throws InvalidInputException naming {@code count} if it is out of range or the pattern has no room
     *     for {@code firstIndex + count} codes at its density
     */
    public Stream<CouponCode> stream(CodePattern pattern, long count, long firstIndex) {
        Checks.notNull(pattern, "pattern");
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidInputException("count", "must be 1 to " + MAX_COUNT + ", was " + count);
        }
        Checks.nonNegative(firstIndex, "firstIndex");
        pattern.checkRoomFor(firstIndex, count);
        Permutation p = new Permutation(pattern.space().min(MAX_DOMAIN));
        Spliterator<CouponCode> codes = new Spliterators.AbstractSpliterator<>(count,
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL | Spliterator.SIZED) {
            private long next = firstIndex;

            @Override
            public boolean tryAdvance(Consumer<? super CouponCode> action) {
                if (next >= firstIndex + count) {
                    return false;
                }
                action.accept(pattern.code(p.apply(next++)));
                return true;
            }
        };
        return StreamSupport.stream(codes, false);
    }

    /**
     * Makes codes into a sink, reporting progress: {@code progress} hears the number made so far about
     * every 1 % of the count and once at the end.
     *
     * @param pattern the codes' shape
     * @param count how many, 1 to {@value #MAX_COUNT}
     * @param firstIndex the first index
     * @param sink receives each code, in order
     * @param progress hears how many codes are made
     * @return how many codes were made
     */
    public long generate(CodePattern pattern, long count, long firstIndex, Consumer<CouponCode> sink, LongConsumer progress) {
        Checks.notNull(sink, "sink");
        Checks.notNull(progress, "progress");
        long step = Math.max(1, count / 100);
        long[] made = {0};
        stream(pattern, count, firstIndex).forEach(code -> {
            sink.accept(code);
            if (++made[0] % step == 0 && made[0] != count) {
                progress.accept(made[0]);
            }
        });
        progress.accept(made[0]);
        return made[0];
    }

    /** A keyed permutation of {@code [0, domain)}: Feistel over the smallest even bit width, cycle-walking. */
    private final class Permutation {
        private final BigInteger domain;
        private final long small;      // the domain as a long when it fits in 62 bits, else -1
        private final int half;        // bits per half
        private final long mask;

        Permutation(BigInteger domain) {
            this.domain = domain;
            int bits = Math.max(2, domain.subtract(BigInteger.ONE).bitLength());
            bits += bits & 1;
            this.half = bits / 2;
            this.mask = half == 64 ? -1L : (1L << half) - 1;
            this.small = bits <= 62 ? domain.longValueExact() : -1;
        }

        BigInteger apply(long index) {
            long lo = index & mask;
            long hi = half >= 63 ? 0 : index >>> half; // an index is below 2^63

            while (true) {
                for (int round = 0; round < ROUNDS; round++) {
                    long f = siphash(round, lo) & mask;
                    long t = lo;
                    lo = hi ^ f;
                    hi = t;
                }
                if (small >= 0) {
                    long v = (hi << half) | lo;
                    if (v < small) {
                        return BigInteger.valueOf(v);
                    }
                } else {
                    BigInteger v = unsigned(hi).shiftLeft(half).or(unsigned(lo));
                    if (v.compareTo(domain) < 0) {
                        return v;
                    }
                }
                // outside the domain: permute again (cycle walking); each value of the domain is reached by one index
            }
        }
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }

    /** SipHash-2-4 of the two words (round, value) under this generator's secret. */
    private long siphash(long m0, long m1) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        long[] v = {v0, v1, v2, v3};
        compress(v, m0);
        compress(v, m1);
        compress(v, 16L << 56); // the length, 16 bytes, in the last word
        v[2] ^= 0xff;
        for (int i = 0; i < 4; i++) {
            round(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void compress(long[] v, long m) {
        v[3] ^= m;
        round(v);
        round(v);
        v[0] ^= m;
    }

    private static void round(long[] v) {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13);
        v[1] ^= v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16);
        v[3] ^= v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21);
        v[3] ^= v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17);
        v[1] ^= v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }

    @Override
    public String toString() {
        return "CodeGenerator[secret hidden]";
    }
}
