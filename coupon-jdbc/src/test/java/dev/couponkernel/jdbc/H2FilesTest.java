package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.error.InvalidInputException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 URLs the library recommends open databases with the settings they promise. */
class H2FilesTest {

    @Test
    void theDurableFileKeepsNoWriteDelayAndCachesStatements(@TempDir Path dir) throws SQLException {
        String url = H2Files.durable(dir.resolve("coupons"));
        assertThat(url).startsWith("jdbc:h2:file:" + dir.toAbsolutePath().normalize());
        assertThat(setting(url, "WRITE_DELAY")).isEqualTo("0");
        assertThat(setting(url, "QUERY_CACHE_SIZE")).isEqualTo(String.valueOf(H2Files.QUERY_CACHE_SIZE));
    }

    @Test
    void theMemoryDatabaseStaysOpenAndCachesStatements() throws SQLException {
        String url = H2Files.inMemory("h2-files-test_" + System.nanoTime());
        assertThat(setting(url, "QUERY_CACHE_SIZE")).isEqualTo("64");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id INT)");
        }
        // no connection held in between: DB_CLOSE_DELAY=-1 keeps the database and its table
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void aNameOrPathThatWouldAddSettingsIsRefused() {
        assertThatThrownBy(() -> H2Files.inMemory("x;INIT=RUNSCRIPT FROM 'evil.sql'"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> H2Files.inMemory("")).isInstanceOf(InvalidInputException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> H2Files.inMemory("x".repeat(65))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> H2Files.inMemory("caf\u00e9")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> H2Files.durable(Path.of("data;INIT=x"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("file");
        assertThat(H2Files.inMemory("a-Z_9")).isEqualTo("jdbc:h2:mem:a-Z_9;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64");
    }

    private static String setting(String url, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("setting %s", name).isTrue();
                return rs.getString(1);
            }
        }
    }
}
