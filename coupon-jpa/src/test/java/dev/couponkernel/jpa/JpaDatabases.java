package dev.couponkernel.jpa;

import dev.couponkernel.jdbc.SchemaInstaller;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.sql.DriverManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The JPA storage's test databases: Hibernate ORM on H2 in memory and on the embedded PostgreSQL
 * the JDBC tests start. Bootstrapping Hibernate for each test would dominate the run, so each
 * database kind has one entity manager factory, built once (on H2 with {@code hbm2ddl.auto=validate}: the
 * entities are checked against coupon-jdbc's installed schema), on a data source that each call
 * points at a fresh, empty database with the schema installed. Tests of one kind run one at a time.
 */
final class JpaDatabases {

    private static final Routing H2 = new Routing();
    private static final Routing POSTGRES = new Routing();
    private static EntityManagerFactory h2Factory;
    private static EntityManagerFactory postgresFactory;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private JpaDatabases() {}

    /** A fresh H2 database in memory with the schema installed. */
    static DataSource freshH2() {
        String url = "jdbc:h2:mem:ckjpa" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000";
        DataSource ds = new Source() {
            @Override
            public Connection getConnection() throws SQLException {
                return DriverManager.getConnection(url);
            }
        };
        SchemaInstaller.install(ds);
        return ds;
    }

    /** A fresh database with the schema installed on the PostgreSQL server started once per test JVM. */
    static synchronized DataSource freshPostgres() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the process is ending
                    }
                }));
            }
            String name = "ckjpa" + COUNTER.incrementAndGet();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            DataSource ds = server.getDatabase("postgres", name);
            SchemaInstaller.install(ds);
            return ds;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
        }
    }

    /**
     * A database behind a HikariCP pool: a connection to PostgreSQL is a new server process (some
     * milliseconds), and a test runs hundreds of short transactions.
     */
    private static DataSource pooled(DataSource ds) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(ds);
        config.setMaximumPoolSize(80);
        config.setMinimumIdle(0);
        config.setPoolName("jpa-test-" + COUNTER.get());
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    /** A factory on a fresh H2 database; {@link #h2Database()} is its data source. */
    static synchronized EntityManagerFactory h2() {
        H2.target = freshH2();
        if (h2Factory == null) {
            h2Factory = create(H2, Map.of("hibernate.hbm2ddl.auto", "validate"));
        }
        return h2Factory;
    }

    /** A factory on a fresh PostgreSQL database; {@link #postgresDatabase()} is its data source. */
    static synchronized EntityManagerFactory postgres() {
        DataSource previous = POSTGRES.target;
        POSTGRES.target = pooled(freshPostgres());
        if (previous instanceof com.zaxxer.hikari.HikariDataSource done) {
            // tests of one kind run one at a time, so nothing uses the previous database any more
            done.close();
        }
        if (postgresFactory == null) {
            // not validated: Hibernate ORM reads PostgreSQL's CHAR(64) hash columns as bpchar and expects
            // VARCHAR for a String; the mapping's names and nullability are validated on H2
            postgresFactory = create(POSTGRES, Map.of());
        }
        return postgresFactory;
    }

    /** @return the H2 database the last {@link #h2()} created */
    static DataSource h2Database() {
        return H2.target;
    }

    /** @return the PostgreSQL database the last {@link #postgres()} created */
    static DataSource postgresDatabase() {
        return POSTGRES.target;
    }

    static Supplier<EntityManagerFactory> kind(String name) {
        return name.equals("h2") ? JpaDatabases::h2 : JpaDatabases::postgres;
    }

    private static EntityManagerFactory create(DataSource routing, Map<String, String> properties) {
        return CouponPersistenceUnit.create(routing, properties);
    }

    /** A data source that hands out connections of whichever database it points at now. */
    private static final class Routing extends Source {
        volatile DataSource target;

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }
    }

    /** The parts of a data source nothing here uses. */
    private abstract static class Source implements DataSource {

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // no log
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // the target's
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
