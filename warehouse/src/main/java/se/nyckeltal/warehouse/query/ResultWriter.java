package se.nyckeltal.warehouse.query;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes a whole result set in one output format. */
interface ResultWriter {
    void write(ResultSet result, Appendable out) throws SQLException, IOException;
}
