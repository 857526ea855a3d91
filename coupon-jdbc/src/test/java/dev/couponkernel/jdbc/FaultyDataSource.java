package dev.couponkernel.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source whose connections can be made to die: a real database connection is cut (on
 * PostgreSQL its server process is terminated with {@code pg_terminate_backend}, as a crash or a
 * network failure would; on H2 the connection is closed), and the statement in progress fails. Armed
 * with {@link #killAtStatement}, it cuts the connection just before the n-th statement executes;
 * {@link #killAll()} cuts every open connection now. Not a mock: every statement runs on the real
 * database. Thread-safe.
 */
final class FaultyDataSource extends SimpleDataSource {

    private final DataSource real;
    private final Set<Victim> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger statements = new AtomicInteger();
    private volatile int killAt = Integer.MAX_VALUE;
    private final AtomicInteger kills = new AtomicInteger();

    /** A connection and how to cut it. */
    private record Victim(Connection raw, Integer postgresPid) {}

    FaultyDataSource(DataSource real) {
        this.real = real;
    }

    /** Cuts the connection that is about to run the n-th statement from now (1 = the next). */
    void killAtStatement(int n) {
        statements.set(0);
        killAt = n;
    }

    /** Starts counting statement executions from zero, cutting nothing. */
    void countFromNow() {
        killAt = Integer.MAX_VALUE;
        statements.set(0);
    }

    /** @return the statements executed since the count started (a script of several statements is one) */
    int executions() {
        return statements.get();
    }

    void disarm() {
        killAt = Integer.MAX_VALUE;
    }

    /** @return how many connections were cut */
    int kills() {
        return kills.get();
    }

    /** Cuts every connection open now. */
    void killAll() {
        for (Victim v : open) {
            kill(v);
        }
    }

    private void kill(Victim v) {
        kills.incrementAndGet();
        try {
            if (v.postgresPid() != null) {
                try (Connection admin = real.getConnection(); Statement s = admin.createStatement();
                        ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(" + v.postgresPid() + ", 10000)")) {
                    rs.next();
                }
            } else {
                v.raw().close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not cut a connection", e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection raw = real.getConnection();
        Integer pid = null;
        if (raw.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
            try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
        }
        Victim victim = new Victim(raw, pid);
        open.add(victim);
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(victim));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Victim victim;

        ConnectionHandler(Victim victim) {
            this.victim = victim;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close")) {
                open.remove(victim);
            }
            Object result = call(victim.raw(), method, args);
            if (result instanceof PreparedStatement ps) {
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                        new StatementHandler(victim, ps));
            }
            if (result instanceof Statement st) {
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                        new StatementHandler(victim, st));
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Victim victim;
        private final Statement statement;

        StatementHandler(Victim victim, Statement statement) {
            this.victim = victim;
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().startsWith("execute") && statements.incrementAndGet() == killAt) {
                kill(victim);
            }
            return call(statement, method, args);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("use getConnection()");
    }
}
