package dev.couponkernel.jdbc;

import dev.couponkernel.spi.error.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The databases the JDBC storage supports, each with its migration scripts. */
public enum Dialect {
    /** H2 2.x, in memory or on file: the embedded default. */
    H2("db/couponkernel/h2"),
    /** PostgreSQL 13 or newer. */
    POSTGRESQL("db/couponkernel/postgresql");

    private final String migrations;

    Dialect(String migrations) {
        this.migrations = migrations;
    }

    /**
     * Returns where this dialect's versioned migrations are on the class path; Flyway reads them as
     * {@code classpath:} plus this location.
     *
     * @return the location, for example {@code db/couponkernel/postgresql}
     */
    public String migrations() {
        return migrations;
    }

    /**
     * Tells which dialect a data source speaks.
     *
     * @param dataSource the data source
     * @return its dialect
     * @throws StorageException if the database is not supported or cannot be reached
     */
    public static Dialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return H2;
            }
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            throw new StorageException("unsupported database: " + product + "; H2 and PostgreSQL are supported");
        } catch (SQLException e) {
            throw new StorageException("cannot reach the database: " + e.getMessage(), e);
        }
    }
}
