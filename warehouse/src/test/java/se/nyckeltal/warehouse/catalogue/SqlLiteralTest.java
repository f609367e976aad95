package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SqlLiteralTest {
    @Test
    void quotesDoubleTheQuoteSoDuckDbReadsTheTextBack() throws Exception {
        String path = "/data/Region Öst's landning/ledger.parquet";
        assertThat(SqlLiteral.of(path)).isEqualTo("'/data/Region Öst''s landning/ledger.parquet'");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT " + SqlLiteral.of(path) + ", " + SqlLiteral.of(null) + " IS NULL")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(path);
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }
}
