package se.nyckeltal.etl.hr;

import java.io.Serializable;
import java.util.List;
import se.nyckeltal.schemas.text.CsvLineSplitter;
import se.nyckeltal.schemas.text.ExtractFormatException;

/**
 * Takes the employee id out of a rejected HR line before it is written to quarantine, which analysts
 * can read: the id field is replaced by {@value #MASK}, everything else stays as delivered, so a
 * controller still sees what was wrong and finds the row by file and line number. A line that does
 * not split into the header's fields cannot tell where the id is: it is withheld whole.
 */
final class EmployeeIdMask implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String MASK = "***";

    private final char delimiter;
    private final int employeeField;
    private final int fieldCount;

    EmployeeIdMask(char delimiter, int employeeField, int fieldCount) {
        this.delimiter = delimiter;
        this.employeeField = employeeField;
        this.fieldCount = fieldCount;
    }

    /** The line with its employee id field masked, or a notice when the line has no clear fields. */
    String mask(long lineNumber, String line) {
        if (line == null) {
            return null;
        }
        String clean = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        List<String> fields;
        try {
            fields = CsvLineSplitter.split(clean, delimiter);
        } catch (ExtractFormatException e) {
            fields = null;
        }
        int[] bounds = fields == null || fields.size() != fieldCount ? null : fieldBounds(clean);
        if (bounds == null) {
            return "[line withheld: it does not split into the header's " + fieldCount + " fields, so the employee id"
                    + " in it cannot be masked; see line " + lineNumber + " of the delivered file]";
        }
        return clean.substring(0, bounds[0]) + MASK + clean.substring(bounds[1]);
    }

    /** Start and end of the employee field in the text, quotes included; null if not found. */
    private int[] fieldBounds(String line) {
        int field = 0;
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : delimiter;
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted || i == line.length()) {
                if (field == employeeField) {
                    return new int[] {start, i};
                }
                field++;
                start = i + 1;
            }
        }
        return null;
    }
}
