package se.nyckeltal.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.cli.NyckeltalCli;
import se.nyckeltal.warehouse.catalogue.Catalogue;
import se.nyckeltal.warehouse.query.CatalogueLockDown;

/**
 * {@code nyckeltal sql} opens the catalogue as the gateway does (issue 16, item 9): the statement gate
 * first, and underneath DuckDB itself locked to the published facts with its configuration locked.
 */
@ExtendWith(SharedSpark.class)
class SqlLockDownTest {
    @TempDir
    Path tmp;

    @Test
    void sqlReadsTheCatalogueButNoFileOutsideThePublishedFacts() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp).published();
        Path restricted = Files.createDirectories(w.layout.restrictedDir()).resolve("employees.csv");
        Files.writeString(restricted, "employee,birth_year\nE1,1970\n");

        assertThat(sql(w, "SELECT CAST(sum(amount) AS DECIMAL(18,2)) AS total FROM fact.ledger WHERE period = 202501"
                + " AND scenario = 'ACTUAL'"))
                .isEqualTo("0|total\n-1150\n");
        for (String query : new String[] {"SELECT * FROM read_csv('" + restricted + "')",
                "SELECT * FROM '" + restricted + "'", "SELECT * FROM read_text('/etc/passwd')"}) {
            String result = sql(w, query);
            assertThat(result).as(query).startsWith("1|").doesNotContain("1970").doesNotContain("root:");
        }
    }

    @Test
    void underTheGateDuckDbItselfReadsNoFileOutsideTheFactsAndKeepsItsSettings() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp).published();
        Path restricted = Files.createDirectories(w.layout.restrictedDir()).resolve("employees.csv");
        Files.writeString(restricted, "employee,birth_year\nE1,1970\n");
        try (Connection c = Catalogue.openReadOnly(w.layout)) {
            CatalogueLockDown.apply(c, CatalogueLockDown.allowedDirectories(w.layout));
            assertThat(FaultWarehouse.rows(c, "SELECT count(*) > 0 FROM fact.ledger")).containsExactly("true");
            assertThatThrownBy(() -> execute(c, "SELECT * FROM read_csv('" + restricted + "')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Permission Error");
            assertThatThrownBy(() -> execute(c, "SET enable_external_access = true"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("locked");
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** exit code, '|', then csv output or the error. */
    private static String sql(FaultWarehouse w, String query) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NyckeltalCli.execute(new PrintWriter(out), new PrintWriter(err), "sql", "--warehouse",
                w.warehouse.toString(), "--format", "csv", query);
        return exit + "|" + out + err;
    }
}
