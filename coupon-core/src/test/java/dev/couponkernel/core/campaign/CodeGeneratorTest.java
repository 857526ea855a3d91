package dev.couponkernel.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.value.CouponCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Generated codes: their shape, their distinctness, the pattern's odds and the density it refuses. */
class CodeGeneratorTest {

    @Provide
    Arbitrary<CodePattern> patterns() {
        return Combinators.combine(Arbitraries.of("", "SUMMER-", "x_"), Arbitraries.of("", "-24"),
                        Arbitraries.of(CodePattern.UNAMBIGUOUS, CodePattern.ALPHANUMERIC, CodePattern.LETTERS, "AB"),
                        Arbitraries.integers().between(8, 20), Arbitraries.integers().between(0, 5))
                .as((prefix, postfix, charset, length, groups) -> CodePattern.builder().prefix(prefix).postfix(postfix)
                        .charset(charset).length(length).groupsOf(groups).guessesPerCode(1).build())
                .ignoreException(InvalidInputException.class); // longer than a code may be
    }

    @Property(tries = 200)
    void everyCodeHasThePatternsShapeAndABatchHasNoDuplicate(@ForAll("patterns") CodePattern pattern,
            @ForAll @LongRange(min = 0, max = 1_000_000) long firstIndex) {
        long count = pattern.capacity().min(BigInteger.valueOf(500)).longValueExact();
        if (count == 0 || pattern.capacity().compareTo(BigInteger.valueOf(firstIndex + count)) < 0) {
            return; // a two-character charset of 8 has no room past its first codes
        }
        List<CouponCode> codes = CodeGenerator.create().stream(pattern, count, firstIndex).toList();

        assertThat(codes).hasSize((int) count).doesNotHaveDuplicates();
        assertThat(codes).allSatisfy(c -> {
            assertThat(pattern.matches(c)).as(c.value()).isTrue();
            assertThat(c.value()).startsWith(pattern.prefix()).endsWith(pattern.postfix());
        });
    }

    @Test
    void theCodesOfASpaceAreAPermutationOfIt() {
        // three digits: 1,000 codes; all of them, each once, in an order only the secret knows
        CodePattern digits = CodePattern.builder().prefix("PIN").charset(CodePattern.DIGITS).length(3).guessesPerCode(1).build();
        CodeGenerator generator = CodeGenerator.create();
        List<String> all = generator.stream(digits, 1000, 0).map(CouponCode::value).toList();
        assertThat(new HashSet<>(all)).hasSize(1000);
        assertThat(all).allMatch(c -> c.matches("PIN[0-9]{3}"));
        assertThat(all.subList(0, 10)).as("not in counting order").isNotEqualTo(List.of("PIN000", "PIN001", "PIN002",
                "PIN003", "PIN004", "PIN005", "PIN006", "PIN007", "PIN008", "PIN009"));
        // a second batch continuing from the first is disjoint from it
        CodePattern wide = CodePattern.builder().charset(CodePattern.DIGITS).length(5).guessesPerCode(1).build();
        Set<String> first = generator.stream(wide, 40_000, 0).map(CouponCode::value).collect(Collectors.toSet());
        Set<String> second = generator.stream(wide, 40_000, 40_000).map(CouponCode::value).collect(Collectors.toSet());
        assertThat(first).hasSize(40_000);
        assertThat(second).hasSize(40_000);
        Set<String> both = new HashSet<>(first);
        both.retainAll(second);
        assertThat(both).as("codes in both batches").isEmpty();
    }

    @Test
    void aMillionCodesInOneBatchAreDistinctAndTheSameSecretMakesTheSameCodes() {
        CodePattern pattern = CodePattern.builder().prefix("NL").length(10).groupsOf(5).build();
        byte[] secret = new byte[16];
        new java.security.SecureRandom().nextBytes(secret);
        Set<String> seen = new HashSet<>(2_000_000);
        List<Long> progress = new ArrayList<>();
        long made = CodeGenerator.withSecret(secret).generate(pattern, CodeGenerator.MAX_COUNT, 0, c -> seen.add(c.value()),
                progress::add);

        assertThat(made).isEqualTo(1_000_000);
        assertThat(seen).hasSize(1_000_000);
        assertThat(progress).isSorted().hasSize(100).endsWith(1_000_000L);
        // a retried generation with the same secret and first index makes the same codes
        List<CouponCode> again = CodeGenerator.withSecret(secret).stream(pattern, 1000, 0).toList();
        assertThat(again.stream().filter(c -> !seen.contains(c.value())).count()).isZero();
        assertThat(CodeGenerator.withSecret(secret).stream(pattern, 1000, 0).toList()).isEqualTo(again);
        Set<CouponCode> other = new HashSet<>(CodeGenerator.create().stream(pattern, 1000, 0).toList());
        other.retainAll(again);
        assertThat(other).as("another secret, other codes").isEmpty();
    }

    @Test
    void everyPositionUsesTheWholeCharsetWithoutLookAlikes() {
        CodePattern pattern = CodePattern.builder().length(8).build();
        List<String> codes = CodeGenerator.create().stream(pattern, 20_000, 0).map(CouponCode::value).toList();
        for (int position = 0; position < 8; position++) {
            int p = position;
            Set<Character> chars = codes.stream().map(c -> c.charAt(p)).collect(Collectors.toSet());
            assertThat(chars).as("position %d", p).hasSize(31);
        }
        assertThat(String.join("", codes)).doesNotContain("0", "O", "1", "I", "L");
    }

    @Test
    void thePatternStatesItsOddsAndRefusesTooManyCodes() {
        CodePattern eight = CodePattern.builder().length(8).build();
        assertThat(eight.space()).isEqualTo(BigInteger.valueOf(31).pow(8)); // 852,891,037,441
        assertThat(eight.capacity()).isEqualTo(BigInteger.valueOf(852_891));
        assertThat(eight.guessingOdds(100_000)).isEqualByComparingTo(new BigDecimal("1.17248E-7"));
        assertThatThrownBy(() -> CodeGenerator.create().stream(eight, 900_000, 0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("count"))
                .hasMessageContaining("at most 852891");
        assertThatThrownBy(() -> CodeGenerator.create().stream(eight, 10, 852_885))
                .hasMessageContaining("with 852885 issued before");
        assertThatThrownBy(() -> CodeGenerator.create().stream(eight, CodeGenerator.MAX_COUNT + 1, 0))
                .hasMessageContaining("must be 1 to 1000000");
        assertThat(CodePattern.builder().length(10).build().capacity()).isGreaterThan(BigInteger.valueOf(CodeGenerator.MAX_COUNT));
    }

    @Test
    void badPatternsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> CodePattern.builder().charset("abc")).hasMessageStartingWith("charset:");
        assertThatThrownBy(() -> CodePattern.builder().charset("AAB")).hasMessageStartingWith("charset:");
        assertThatThrownBy(() -> CodePattern.builder().length(0)).hasMessageStartingWith("length:");
        assertThatThrownBy(() -> CodePattern.builder().prefix("STRAßE")).hasMessageStartingWith("prefix:");
        assertThatThrownBy(() -> CodePattern.builder().postfix("A B")).hasMessageStartingWith("postfix:");
        // 12 + 16 random + 3 dashes = 31 characters fit; 12 + 18 + 4 = 34 do not
        assertThat(CodePattern.builder().prefix("LONG-PREFIX-").length(16).groupsOf(4).build().length()).isEqualTo(16);
        assertThatThrownBy(() -> CodePattern.builder().prefix("LONG-PREFIX-").length(18).groupsOf(4).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("pattern"))
                .hasMessageContaining("makes codes of 34 characters").hasMessageContaining("at most 32");
        assertThatThrownBy(() -> CodePattern.builder().length(2).build()).hasMessageContaining("at least 3");
        assertThat(CodePattern.builder().prefix("summer-").build().prefix()).isEqualTo("SUMMER-");
        assertThatThrownBy(() -> CodeGenerator.withSecret(new byte[8])).hasMessageStartingWith("secret:");
    }
}
