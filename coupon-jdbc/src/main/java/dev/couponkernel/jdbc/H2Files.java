package dev.couponkernel.jdbc;

import dev.couponkernel.spi.internal.Checks;
import java.nio.file.Path;

/**
 * The JDBC URLs of embedded H2 databases set up as the library runs best on them: on file, keeping
 * every commit the library acknowledged when the JVM dies, for a host that runs the kernel on
 * embedded H2 beyond tests; and in memory, for tests and demos.
 *
 * <p>H2 by default writes committed changes to its file up to half a second later ({@code
 * WRITE_DELAY=500}): a JVM killed in that half second loses commits the library had already
 * reported, and can leave the file half-written. {@link #durable(Path)} turns the delay off
 * ({@code WRITE_DELAY=0}), so a commit is in the file (in the operating system's cache) before the
 * library returns. What that promises, and what it does not:
 *
 * <ul>
 *   <li>a JVM that crashes or is killed ({@code kill -9}) loses no acknowledged lock, redeem, release,
 *       audit entry or event, and the file opens again (tested by killing a writing JVM);
 *   <li>a crash of the operating system or a power loss can still lose the last commits: H2 does not
 *       force its file to the disk on each commit. For that promise use PostgreSQL with {@code
 *       fsync} and {@code synchronous_commit} on;
 *   <li>one process at a time opens the file (H2's embedded mode); several nodes need a server
 *       database.
 * </ul>
 *
 * <p>Both URLs also give each session a cache of {@value #QUERY_CACHE_SIZE} parsed statements
 * ({@code QUERY_CACHE_SIZE}; H2's default is 8). A checkout runs about thirty statements of two
 * dozen texts, so with eight cached H2 parses most of them again on every call: at one client a
 * checkout ran 35 to 45 % faster with 64 (docs/benchmarks.md, "H2's statement cache"). A host that
 * builds its own URL adds {@code ;QUERY_CACHE_SIZE=64} to it.
 *
 * <p>docs/benchmarks.md measures the cost of the durable file against the default delay. Stateless
 * and thread-safe.
 */
public final class H2Files {

    /** How many parsed statements each H2 session keeps, in the URLs this class gives. */
    public static final int QUERY_CACHE_SIZE = 64;

    private static final String SETTINGS = ";QUERY_CACHE_SIZE=" + QUERY_CACHE_SIZE;

    private H2Files() {}

    /**
     * @param file the database file's path without H2's {@code .mv.db} suffix, for example {@code
     *     Path.of("data/coupons")}
     * @return the URL of a durable H2 file database at that path: {@code jdbc:h2:file:<absolute
     *     path>;WRITE_DELAY=0;QUERY_CACHE_SIZE=64}
     * @throws dev.couponkernel.spi.error.InvalidInputException naming {@code file} when the path holds
     *     a {@code ;}
     */
    public static String durable(Path file) {
        Checks.notNull(file, "file");
        String path = file.toAbsolutePath().normalize().toString();
        if (path.indexOf(';') >= 0) {
            throw new dev.couponkernel.spi.error.InvalidInputException("file",
                    "an H2 path cannot hold ';' (it separates the URL's settings), was " + Checks.quote(path));
        }
        return "jdbc:h2:file:" + path + ";WRITE_DELAY=0" + SETTINGS;
    }

    /**
     * An H2 database in this JVM's memory, kept while the JVM runs ({@code DB_CLOSE_DELAY=-1}) and
     * gone when it stops: for tests, demos and single-process hosts that accept losing every coupon
     * and usage on restart.
     *
     * @param name the database's name within the JVM: letters, digits, {@code -} and {@code _}, at
     *     most 64 characters; the same name opens the same database
     * @return {@code jdbc:h2:mem:<name>;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64}
     * @throws dev.couponkernel.spi.error.InvalidInputException naming {@code name} when it is empty,
     *     too long or holds another character
     */
    public static String inMemory(String name) {
        Checks.notNull(name, "name");
        if (name.isEmpty() || name.length() > 64 || !name.chars().allMatch(ch -> ch < 128
                && (Character.isLetterOrDigit(ch) || ch == '-' || ch == '_'))) {
            throw new dev.couponkernel.spi.error.InvalidInputException("name",
                    "an H2 in-memory database name is 1 to 64 letters, digits, '-' or '_', was " + Checks.quote(name));
        }
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + SETTINGS;
    }
}
