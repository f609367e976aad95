package se.nyckeltal.warehouse.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * A JSON array with one object per row, one row per line: column labels as keys, numbers as JSON
 * numbers (decimals plain, without needless trailing zeros), NULL as null, dates and timestamps as
 * ISO strings. Non-finite doubles have no JSON form and are written as null.
 */
final class JsonResultWriter implements ResultWriter {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public void write(ResultSet result, Appendable out) throws SQLException, IOException {
        ResultSetMetaData meta = result.getMetaData();
        int columns = meta.getColumnCount();
        out.append('[');
        boolean first = true;
        while (result.next()) {
            StringWriter row = new StringWriter();
            try (JsonGenerator json = JSON.createGenerator(row)) {
                json.writeStartObject();
                for (int i = 1; i <= columns; i++) {
                    json.writeFieldName(meta.getColumnLabel(i));
                    writeValue(json, ResultValue.read(result, i));
                }
                json.writeEndObject();
            }
            out.append(first ? "\n" : ",\n").append(row.toString());
            first = false;
        }
        out.append(first ? "]\n" : "\n]\n");
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(ResultValue.plain(decimal));
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isFinite(number)) {
                json.writeNumber(ResultValue.text(value));
            } else {
                json.writeNull();
            }
        } else if (value instanceof Number number) {
            json.writeNumber(number.longValue());
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                writeValue(json, element);
            }
            json.writeEndArray();
        } else {
            json.writeString(ResultValue.text(value));
        }
    }
}
