package dev.couponkernel.jdbc;

import dev.couponkernel.spi.internal.Checks;
import java.nio.file.Path;

/**
 * The JDBC URL of an H2 database on file that keeps every commit the library acknowledged when the
 * JVM dies, for a host that runs the kernel on embedded H2 beyond tests.
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
 * <p>docs/benchmarks.md measures the cost against the default delay. Stateless and thread-safe.
 */
public final class H2Files {

    private H2Files() {}

    /**
     * @param file the database file's path without H2's {@code .mv.db} suffix, for example {@code
     *     Path.of("data/coupons")}
     * @return the URL of a durable H2 file database at that path: {@code jdbc:h2:file:<absolute
     *     path>;WRITE_DELAY=0}
     */
    public static String durable(Path file) {
        Checks.notNull(file, "file");
        String path = file.toAbsolutePath().normalize().toString();
        if (path.indexOf(';') >= 0) {
            throw new dev.couponkernel.spi.error.InvalidInputException("file",
                    "an H2 path cannot hold ';' (it separates the URL's settings), was " + Checks.quote(path));
        }
        return "jdbc:h2:file:" + path + ";WRITE_DELAY=0";
    }
}
