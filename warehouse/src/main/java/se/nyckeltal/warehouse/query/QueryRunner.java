package se.nyckeltal.warehouse.query;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/** Runs one query on a warehouse's published catalogue: what {@code nyckeltal sql} does. */
public final class QueryRunner {
    private QueryRunner() {}

    /**
     * Runs one SELECT on the published catalogue (opened read-only) and writes the result.
     *
     * @throws IllegalStateException when nothing has been published yet
     * @throws SQLException when sql is not a single SELECT ({@link ReadOnlyGate}) or fails
     */
    public static void run(WarehouseLayout layout, String sql, OutputFormat format, Appendable out)
            throws SQLException, IOException {
        try (Connection connection = Catalogue.openReadOnly(layout)) {
            String select = ReadOnlyGate.requireSelect(connection, sql);
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(select)) {
                format.writer().write(result, out);
            }
        }
    }
}
