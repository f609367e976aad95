package se.nyckeltal.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.query.OutputFormat;
import se.nyckeltal.warehouse.query.QueryRunner;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run one SELECT on the published catalogue (read-only). csv: header row, ',' separator,"
                + " '.' decimals, NULL as empty.")
final class SqlCommand implements Callable<Integer> {
    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    Path warehouse;

    @Option(names = "--format", defaultValue = "table", converter = OptionConverters.Format.class,
            description = "csv, json or table (default table).")
    OutputFormat format;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"SELECT * FROM kpi.kpi_values LIMIT 5\".")
    String sql;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try {
            QueryRunner.run(new WarehouseLayout(warehouse), sql, format, out);
        } catch (SQLException e) {
            throw new UserError(firstLine(e.getMessage()),
                    "check the query; list tables with \"SELECT table_schema, table_name FROM information_schema.tables\"");
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage(), "load data first: nyckeltal load --landing DIR --warehouse " + warehouse);
        } finally {
            out.flush();
        }
        return 0;
    }

    private static String firstLine(String message) {
        return message == null ? "query failed" : message.lines().findFirst().orElse(message);
    }
}
