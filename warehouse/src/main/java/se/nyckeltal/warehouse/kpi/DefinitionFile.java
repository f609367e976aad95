package se.nyckeltal.warehouse.kpi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one KPI definition file: a header of {@code -- key: value} lines (a value continues on the next
 * lines indented under it), then the SQL. A single KPI's file holds one statement, its computation; a
 * family's two, separated by ';': the members' metadata, then the computation. A family whose members differ in
 * good direction or window rule (indicators, described by indicators.csv) says {@code member} for that key and
 * its members statement gives the column.
 */
final class DefinitionFile {
    private static final Pattern KEY_LINE = Pattern.compile("^-- ([a-z_]+):(?:\\s+(.*))?$");
    private static final Pattern CONTINUATION = Pattern.compile("^--\\s{2,}(\\S.*)$");
    private static final Pattern SINGLE_ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern FAMILY_ID = Pattern.compile("([a-z][a-z0-9_]*)\\.<([A-Z][A-Z0-9_]*)>");
    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> SINGLE_KEYS = Set.of("kpi_id", "name_sv", "unit", "good_direction", "has_budget",
            "window", "description", "definition");
    private static final Set<String> FAMILY_KEYS = Set.of("kpi_id", "good_direction", "has_budget", "window",
            "definition");

    private DefinitionFile() {}

    /**
     * @param file relative to {@code sql/}: {@code kpi/definitions/<source>/<kpi_id>.sql}, a family's
     *     {@code <prefix>.<MEMBER>.sql} ({@code production.CONTACT_TYPE.sql})
     */
    static KpiDefinition parse(String file, String text) {
        String[] parts = file.split("/");
        if (parts.length != 4 || !parts[3].endsWith(".sql") || !SOURCE.matcher(parts[2]).matches()) {
            throw error(file, 0, "a KPI definition is kpi/definitions/<source>/<kpi_id>.sql, one folder per source"
                    + " (ledger, production, hr …)");
        }
        if (text.contains("${")) {
            throw error(file, 0, "a KPI definition has no ${…} placeholders; read the facts through the views"
                    + " and tables built before internal/kpi_components.sql");
        }
        String[] lines = text.split("\n", -1);
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        String key = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            Matcher keyLine = KEY_LINE.matcher(line);
            Matcher continuation = CONTINUATION.matcher(line);
            if (keyLine.matches()) {
                key = keyLine.group(1);
                if (!SINGLE_KEYS.contains(key)) {
                    throw error(file, i + 1, "unknown key '" + key + "'; a KPI's header has " + SINGLE_KEYS.stream()
                            .sorted().toList() + " (a family's: " + FAMILY_KEYS.stream().sorted().toList() + ")");
                }
                if (header.containsKey(key)) {
                    throw error(file, i + 1, "'" + key + "' twice");
                }
                header.put(key, keyLine.group(2) == null ? "" : keyLine.group(2).strip());
                keyLines.put(key, i + 1);
            } else if (key != null && continuation.matches()) {
                header.merge(key, continuation.group(1).strip(), (a, b) -> a.isEmpty() ? b : a + " " + b);
            } else {
                break;
            }
        }
        String kpiId = header.get("kpi_id");
        if (kpiId == null || kpiId.isEmpty()) {
            throw error(file, 1, "the file must open with '-- kpi_id: <id>' and the rest of the KPI's header");
        }
        Matcher familyId = FAMILY_ID.matcher(kpiId);
        boolean family = familyId.matches();
        if (!family && !SINGLE_ID.matcher(kpiId).matches()) {
            throw error(file, keyLines.get("kpi_id"), "kpi_id '" + kpiId + "' is neither a KPI id (lower case, digits,"
                    + " '_') nor a family (prefix.<MEMBER>, e.g. production.<CONTACT_TYPE>)");
        }
        String expectedName = family ? familyId.group(1) + "." + familyId.group(2) + ".sql" : kpiId + ".sql";
        if (!parts[3].equals(expectedName)) {
            throw error(file, keyLines.get("kpi_id"), "kpi_id '" + kpiId + "' belongs in a file named " + expectedName);
        }
        Set<String> required = family ? FAMILY_KEYS : SINGLE_KEYS;
        for (String present : header.keySet()) {
            if (!required.contains(present)) {
                throw error(file, keyLines.get(present), "a family has no '" + present + "': its members statement"
                        + " gives each member's name_sv, unit and description");
            }
        }
        for (String needed : required) {
            if (header.get(needed) == null || header.get(needed).isEmpty()) {
                throw error(file, 0, "the header has no '" + needed + "' (a KPI's header has " + required.stream()
                        .sorted().toList() + ")");
            }
        }
        String direction = header.get("good_direction");
        boolean perMember = family && direction.equals(KpiDefinition.PER_MEMBER);
        if (!direction.equals("up") && !direction.equals("down") && !perMember) {
            throw error(file, keyLines.get("good_direction"), "good_direction must be up or down" + (family
                    ? " (or member: the members statement gives each member's good_direction)" : "") + ", not '"
                    + direction + "'");
        }
        String budget = header.get("has_budget").toLowerCase(Locale.ROOT);
        if (!budget.equals("true") && !budget.equals("false")) {
            throw error(file, keyLines.get("has_budget"), "has_budget must be true or false, not '" + budget + "'");
        }
        WindowRule window = null;
        if (!(family && header.get("window").equals(KpiDefinition.PER_MEMBER))) {
            try {
                window = WindowRule.of(header.get("window"));
            } catch (IllegalArgumentException e) {
                throw error(file, keyLines.get("window"), e.getMessage() + (family ? " (or member: the members"
                        + " statement gives each member's window_rule)" : ""));
            }
        }
        List<String> statements = statements(text);
        int expected = family ? 2 : 1;
        if (statements.size() != expected) {
            throw error(file, 0, family
                    ? "a family holds two statements separated by ';': its members (member, name_sv, unit,"
                            + " description, and good_direction and window_rule when the header says member), then"
                            + " the SELECT computing them; found " + statements.size()
                    : "has metadata but " + (statements.isEmpty() ? "no SELECT computing it" : statements.size()
                            + " statements") + "; a KPI's file holds exactly one SELECT (or WITH … SELECT) giving"
                            + " its numerator and denominator");
        }
        for (String statement : statements) {
            String first = firstWord(statement);
            if (!first.equals("SELECT") && !first.equals("WITH")) {
                throw error(file, 0, "every statement of a KPI definition is a SELECT (or WITH … SELECT), not " + first);
            }
        }
        return new KpiDefinition(file, kpiId, parts[2], header.get("name_sv"), header.get("unit"), direction,
                budget.equals("true"), window, header.get("description"), header.get("definition"),
                family ? statements.get(0) : null, statements.get(expected - 1));
    }

    /** The SQL statements of the text, split on ';' outside quotes and comments; blank ones dropped. */
    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                current.append(text, i, end);
                i = end;
            } else if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                while (end >= 0 && end + 1 < text.length() && text.charAt(end + 1) == c) {
                    end = text.indexOf(c, end + 2);
                }
                end = end < 0 ? text.length() : end + 1;
                current.append(text, i, end);
                i = end;
            } else if (c == ';') {
                statements.add(current.toString());
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        statements.add(current.toString());
        return statements.stream().filter(s -> !firstWord(s).isEmpty()).map(s -> s.strip() + "\n").toList();
    }

    /** The statement's first word outside comments, upper case; empty when there is none. */
    private static String firstWord(String statement) {
        for (String line : statement.split("\n")) {
            String code = line.strip();
            if (code.isEmpty() || code.startsWith("--")) {
                continue;
            }
            return code.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        }
        return "";
    }

    private static IllegalStateException error(String file, int line, String what) {
        return new IllegalStateException("sql/" + file + (line > 0 ? " line " + line : "") + ": " + what);
    }
}
