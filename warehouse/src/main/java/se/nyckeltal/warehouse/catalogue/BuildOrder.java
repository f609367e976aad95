package se.nyckeltal.warehouse.catalogue;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalogue's SQL files in the order {@code sql/build-order.txt} lists them, in two stages:
 * {@code [tables]} (empty tables Java then fills) and {@code [derived]} (everything computed from the
 * facts and those tables).
 */
record BuildOrder(List<SqlFile> tables, List<SqlFile> derived) {
    static final String SQL_ROOT = "/se/nyckeltal/warehouse/sql/";
    static final String MANIFEST = "build-order.txt";

    BuildOrder {
        tables = List.copyOf(tables);
        derived = List.copyOf(derived);
    }

    static BuildOrder load() {
        List<SqlFile> tables = new ArrayList<>();
        List<SqlFile> derived = new ArrayList<>();
        List<SqlFile> stage = null;
        int lineNumber = 0;
        for (String raw : resource(MANIFEST).split("\n")) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            switch (line) {
                case "[tables]" -> stage = tables;
                case "[derived]" -> stage = derived;
                default -> {
                    if (stage == null) {
                        throw new IllegalStateException(MANIFEST + " line " + lineNumber + ": '" + line
                                + "' comes before a [tables] or [derived] section");
                    }
                    stage.add(new SqlFile(line, resource(line)));
                }
            }
        }
        return new BuildOrder(tables, derived);
    }

    private static String resource(String path) {
        try (InputStream in = BuildOrder.class.getResourceAsStream(SQL_ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("sql/" + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sql/" + path, e);
        }
    }

    /** One catalogue object's SQL: a single statement, with optional {@code ${name}} placeholders. */
    record SqlFile(String path, String text) {
        SqlFile {
            requireNonNull(path, "path");
            requireNonNull(text, "text");
        }

        /** The statement with every placeholder replaced; an unknown placeholder is a build error. */
        String render(Map<String, String> values) {
            StringBuilder sql = new StringBuilder();
            int at = 0;
            while (true) {
                int start = text.indexOf("${", at);
                if (start < 0) {
                    sql.append(text, at, text.length());
                    break;
                }
                int end = text.indexOf('}', start);
                if (end < 0) {
                    throw new IllegalStateException("sql/" + path + ": unclosed placeholder at offset " + start);
                }
                String name = text.substring(start + 2, end);
                String value = values.get(name);
                if (value == null) {
                    throw new IllegalStateException("sql/" + path + ": no value for placeholder ${" + name + "}");
                }
                sql.append(text, at, start).append(value);
                at = end + 1;
            }
            String statement = sql.toString().strip();
            return statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement;
        }
    }
}
