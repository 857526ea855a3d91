package dev.couponkernel.csv;

import dev.couponkernel.core.campaign.Campaigns;
import dev.couponkernel.core.campaign.CodeImport;
import dev.couponkernel.core.campaign.ImportLine;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.store.CodeRecord;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponId;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A campaign's unique codes as CSV (RFC 4180, read and written by Apache Commons CSV).
 *
 * <p><b>Import</b>: one code per line in the first column (further columns are ignored), an optional
 * header line whose first column is {@code code}, empty lines skipped. Every line is checked before
 * anything is stored ({@link Campaigns#importCodes}): a faulty line (malformed, on an earlier line
 * too, held by a coupon already) is reported with its line number and nothing is stored. The input
 * is bounded: at most {@value #MAX_CHARS} characters in all and {@value #MAX_LINE} on a line; past
 * either, or on text that is not CSV (an unclosed quote), the import stops with an
 * {@link InvalidInputException} naming {@code csv} and the line, and nothing is stored.
 *
 * <p><b>Export</b>: a header, then one line per code in the order the codes were added, streamed as
 * the store reads them: {@link #EXPORT_HEADER}: the code, its state (UNUSED, LOCKED, REDEEMED,
 * VOIDED), its counted and redeemed uses, its batch, and its times in ISO-8601 (empty when none).
 *
 * <p>Stateless and thread-safe.
 */
public final class CampaignCsv {

    /** The most characters an import reads: 1,000,000 lines of 64. */
    public static final long MAX_CHARS = 64_000_000L;

    /** The most characters on one line of an import. */
    public static final int MAX_LINE = 256;

    /** The columns of an export, in order. */
    public static final List<String> EXPORT_HEADER = List.of("code", "state", "uses", "redeemed", "batch", "created_at",
            "last_locked_at", "last_redeemed_at", "voided_at");

    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();
    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setHeader(EXPORT_HEADER.toArray(String[]::new))
            .setRecordSeparator("\n").get();

    private CampaignCsv() {}

    /**
     * Imports the codes of a CSV text into a campaign as one batch, all or nothing.
     *
     * @param campaigns the kernel's campaigns
     * @param couponId a coupon of unique codes
     * @param csv the text; read to its end (or to the first fault that stops the reading), not closed
     * @param batchId the batch's id: a retry with the same id answers the stored batch and reads nothing
     * @param actor who
     * @return the batch stored, or the faulty lines
     * @throws InvalidInputException naming {@code csv} if the text is not CSV or exceeds the bounds
     * @throws IOException if reading fails
     */
    public static CodeImport importCodes(Campaigns campaigns, CouponId couponId, Reader csv, String batchId, Actor actor)
            throws IOException {
        required(campaigns, "campaigns");
        required(csv, "csv");
        Bounded in = new Bounded(csv);
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(READ).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            Iterator<ImportLine> lines = new Iterator<>() {
                private boolean first = true;
                private ImportLine next;

                @Override
                public boolean hasNext() {
                    while (next == null) {
                        CSVRecord r;
                        try {
                            if (!records.hasNext()) {
                                return false;
                            }
                            r = records.next();
                        } catch (UncheckedIOException | IllegalStateException e) {
                            throw notCsv(in, e);
                        }
                        long line = Math.max(1, parser.getCurrentLineNumber());
                        String code = r.size() == 0 ? "" : r.get(0);
                        boolean header = first && code.toLowerCase(Locale.ROOT).equals("code");
                        first = false;
                        if (!header) {
                            next = new ImportLine(line, code);
                        }
                    }
                    return true;
                }

                @Override
                public ImportLine next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ImportLine line = next;
                    next = null;
                    return line;
                }
            };
            return campaigns.importCodes(couponId, lines, batchId, actor);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static InvalidInputException notCsv(Bounded in, RuntimeException e) {
        if (e.getCause() instanceof InvalidInputException bound) {
            return bound;
        }
        if (e instanceof UncheckedIOException u && u.getCause() instanceof Bounded.TooLong tooLong) {
            return tooLong.refusal;
        }
        return new InvalidInputException("csv", "line " + in.line + " is not CSV: " + e.getMessage());
    }

    /**
     * Writes a campaign's codes as CSV, a header then one line per code in the order added, as the store
     * streams them.
     *
     * @param campaigns the kernel's campaigns
     * @param couponId the campaign
     * @param out where to write; flushed, not closed
     * @return how many codes were written
     * @throws IOException if writing fails
     */
    public static long export(Campaigns campaigns, CouponId couponId, Writer out) throws IOException {
        required(campaigns, "campaigns");
        required(out, "out");
        CSVPrinter printer = new CSVPrinter(out, WRITE);
        // a batch's codes share their created_at: each column's last time is written from its last text
        Times created = new Times();
        Times locked = new Times();
        Times redeemed = new Times();
        Times voided = new Times();
        long n;
        try {
            n = campaigns.export(couponId, r -> {
                try {
                    printer.print(r.code().value());
                    printer.print(r.state().name());
                    printer.print(Long.toString(r.used()));
                    printer.print(Long.toString(r.redeemed()));
                    printer.print(r.batchId());
                    printer.print(created.text(r.createdAt()));
                    printer.print(locked.text(r.lastLockedAt()));
                    printer.print(redeemed.text(r.lastRedeemedAt()));
                    printer.print(voided.text(r.voidedAt()));
                    printer.println();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
        return n;
    }

    /** A time column's text in ISO-8601, empty for none; the last one kept. Not thread-safe. */
    private static final class Times {
        private Instant last;
        private String text = "";

        String text(Instant at) {
            if (at == null) {
                return "";
            }
            if (!at.equals(last)) {
                last = at;
                text = at.toString();
            }
            return text;
        }
    }

    private static void required(Object value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
    }

    /** The reader, bounded in all and per line, counting lines. Not thread-safe. */
    private static final class Bounded extends FilterReader {
        long chars;
        long line = 1;
        int lineChars;

        /** The refusal of a bound, carried through the parser as an I/O failure. */
        static final class TooLong extends IOException {
            private static final long serialVersionUID = 1L;
            final transient InvalidInputException refusal;

            TooLong(InvalidInputException refusal) {
                super(refusal.getMessage());
                this.refusal = refusal;
            }
        }

        Bounded(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                count(buf[off + i]);
            }
            return n;
        }

        private void count(char c) throws TooLong {
            if (++chars > MAX_CHARS) {
                throw new TooLong(new InvalidInputException("csv", "holds more than " + MAX_CHARS + " characters"));
            }
            if (c == '\n') {
                line++;
                lineChars = 0;
            } else if (++lineChars > MAX_LINE) {
                throw new TooLong(new InvalidInputException("csv", "line " + line + " has more than " + MAX_LINE + " characters"));
            }
        }
    }
}
