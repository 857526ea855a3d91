package dev.couponkernel.examples;

import java.lang.reflect.Proxy;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Test data sources on DriverManager (the H2 driver is a runtime dependency of the examples). */
public final class TestDataSources {

    private TestDataSources() {}

    /**
     * @param url an H2 URL
     * @return a data source that opens a connection per call
     */
    public static DataSource h2(String url) {
        return (DataSource) Proxy.newProxyInstance(TestDataSources.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getConnection" -> {
                            return DriverManager.getConnection(url);
                        }
                        case "unwrap", "isWrapperFor" -> throw new SQLException("not a wrapper");
                        case "toString" -> {
                            return "h2 " + url;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
