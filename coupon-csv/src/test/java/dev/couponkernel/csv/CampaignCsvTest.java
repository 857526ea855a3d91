package dev.couponkernel.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.campaign.CodeImport;
import dev.couponkernel.core.campaign.LineError;
import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CodeMode;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UsageLimits;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Campaign codes through CSV: an import stores a file's codes all or nothing with an error per faulty
 * line and refuses hostile input whole, and an export writes every code with its state, streaming.
 */
class CampaignCsvTest {

    private static final Actor STAFF = Actor.of("staff:test");

    private static CouponKernel kernel(CouponStorage storage) {
        return CouponKernel.builder().storage(storage)
                .carts(id -> Optional.of(Cart.of(Money.of("0", "EUR"), CartLine.of("L1", "SKU-1", "shoes", Money.of("100.00", "EUR"), 1))))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3)))
                .build();
    }

    private static CouponRecord campaign(CouponKernel kernel) {
        CouponRecord c = kernel.create(CouponDefinition.builder("NEWSLETTER").percentOff(10)
                .limits(UsageLimits.unlimited().withPerCode(1)).codes(CodeMode.UNIQUE).build(), STAFF);
        return kernel.activate(c.id(), STAFF);
    }

    @Test
    void aFileOfCodesIsImportedAndExportedWithTheirState() throws IOException {
        CouponKernel kernel = kernel(InMemoryCouponStorage.create());
        CouponRecord campaign = campaign(kernel);
        String csv = "code,note\nSPRING-1,first\n\n\"spring-2\",\"a, b\"\r\nSPRING-3\n";

        CodeImport imported = CampaignCsv.importCodes(kernel.campaigns(), campaign.id(), new StringReader(csv), "file-1", STAFF);

        assertThat(imported.stored()).isTrue();
        assertThat(imported.batch().orElseThrow().added()).isEqualTo(3);
        kernel.apply(dev.couponkernel.core.ApplyRequest.of("co-1", "u-1", "cart-1", "SPRING-2"));
        kernel.campaigns().voidCode("SPRING-3", "printed wrong", STAFF);

        StringWriter out = new StringWriter();
        assertThat(CampaignCsv.export(kernel.campaigns(), campaign.id(), out)).isEqualTo(3);

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
        assertThat(out.toString()).startsWith(String.join(",", CampaignCsv.EXPORT_HEADER) + "\n");
        assertThat(rows).extracting(r -> r.get("code"), r -> r.get("state"), r -> r.get("uses"), r -> r.get("batch")).containsExactly(
                tuple("SPRING-1", "UNUSED", "0", "file-1"), tuple("SPRING-2", "LOCKED", "1", "file-1"),
                tuple("SPRING-3", "VOIDED", "0", "file-1"));
        assertThat(Instant.parse(rows.get(1).get("last_locked_at"))).isNotNull();
        assertThat(rows.get(0).get("voided_at")).isEmpty();
        assertThat(Instant.parse(rows.get(2).get("voided_at"))).isNotNull();
    }

    @Test
    void aFaultyLineStopsTheImportWithItsLineNumberAndNothingIsStored() throws IOException {
        CouponKernel kernel = kernel(InMemoryCouponStorage.create());
        CouponRecord campaign = campaign(kernel);
        kernel.create(CouponDefinition.builder("TAKEN-1").percentOff(5).build(), STAFF);
        String csv = "GOOD-1\nno\n\nGOOD-1\ntaken-1\nGOOD-2\nbad code!\n";

        CodeImport failed = CampaignCsv.importCodes(kernel.campaigns(), campaign.id(), new StringReader(csv), "file-1", STAFF);

        assertThat(failed.stored()).isFalse();
        assertThat(failed.errors()).extracting(LineError::line, LineError::reason).containsExactly(
                tuple(2L, LineError.Reason.MALFORMED), tuple(4L, LineError.Reason.DUPLICATE), tuple(5L, LineError.Reason.TAKEN),
                tuple(7L, LineError.Reason.MALFORMED));
        assertThat(kernel.campaigns().count(campaign.id())).isZero();
    }

    @Test
    void hostileInputIsRefusedWholeWithoutReadingItAll() {
        CouponKernel kernel = kernel(InMemoryCouponStorage.create());
        CouponRecord campaign = campaign(kernel);

        Reader endlessLine = new Reader() { // a line that never ends: refused at its 257th character
            private long given;

            @Override
            public int read(char[] buf, int off, int len) {
                java.util.Arrays.fill(buf, off, off + len, 'A');
                given += len;
                return len;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> CampaignCsv.importCodes(kernel.campaigns(), campaign.id(), endlessLine, "f1", STAFF))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("csv").hasMessageContaining("line 1 has more than 256");
        assertThatThrownBy(() -> CampaignCsv.importCodes(kernel.campaigns(), campaign.id(),
                new StringReader("GOOD-1\n\"OPEN-2\nGOOD-3\n"), "f2", STAFF))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("csv");
        assertThat(kernel.campaigns().count(campaign.id())).isZero();
    }
}
