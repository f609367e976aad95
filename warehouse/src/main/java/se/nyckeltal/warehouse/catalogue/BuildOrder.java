package se.nyckeltal.warehouse.catalogue;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The catalogue's SQL files in the order {@code sql/build-order.txt} lists them, in two stages:
 * {@code [tables]} (empty tables Java then fills) and {@code [derived]} (everything computed from the
 * facts and those tables).
 */
record BuildOrder(List<SqlFile> tables, List<SqlFile> derived) {
    static final String SQL_ROOT = "/se/nyckeltal/warehouse/sql/";
    static final String MANIFEST = "build-order.txt";
    static final String INCREMENTAL = "incremental";
    static final String INCREMENTAL_BY_MONTH = "incremental-by-month";
    static final String MONTH_BY_MONTH = "month-by-month";
    static final String PARTIAL = "partial";

    /** Which periods of a table a build computes when it may copy the rest (build-order.txt). */
    enum Scope {
        /** Every period: not a period table, or not worth copying. */
        FULL,
        /** From the January of the earliest changed period: periods look ahead within their year. */
        FROM_YEAR,
        /** From the earliest changed period: a period depends only on itself and earlier ones. */
        FROM_MONTH,
        /**
         * From the earliest changed period, as {@link #FROM_MONTH}, one period at a time in order: each period is
         * decided from the earlier ones as this table holds them (build-order.txt).
         */
        MONTH_BY_MONTH,
        /**
         * A build-only TEMP table of the periods the incremental table built right after it computes (the same
         * {@code ${recompute_from}}, from the January when plans changed), neither kept nor copied: that table
         * copies its own earlier periods. Dropped once that table is built.
         */
        PARTIAL
    }

    BuildOrder {
        tables = List.copyOf(tables);
        derived = List.copyOf(derived);
    }

    static BuildOrder load() {
        return parse(resource(MANIFEST), BuildOrder::resource);
    }

    /**
     * @param manifest the text of a build-order.txt
     * @param sql the text of each file it names
     */
    static BuildOrder parse(String manifest, UnaryOperator<String> sql) {
        List<SqlFile> tables = new ArrayList<>();
        List<SqlFile> derived = new ArrayList<>();
        List<SqlFile> stage = null;
        int lineNumber = 0;
        for (String raw : manifest.split("\n")) {
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
                    String[] words = line.split("\\s+");
                    Scope scope = Scope.FULL;
                    String periods = null;
                    if (words.length == 3 && words[1].equals(MONTH_BY_MONTH)) {
                        scope = Scope.MONTH_BY_MONTH;
                        periods = words[2];
                    } else if (words.length == 2 && words[1].equals(INCREMENTAL)) {
                        scope = Scope.FROM_YEAR;
                    } else if (words.length == 2 && words[1].equals(INCREMENTAL_BY_MONTH)) {
                        scope = Scope.FROM_MONTH;
                    } else if (words.length == 2 && words[1].equals(PARTIAL)) {
                        scope = Scope.PARTIAL;
                    } else if (words.length != 1) {
                        throw new IllegalStateException(MANIFEST + " line " + lineNumber + ": '" + line
                                + "' is not a path optionally followed by '" + INCREMENTAL + "', '"
                                + INCREMENTAL_BY_MONTH + "', '" + PARTIAL + "' or '" + MONTH_BY_MONTH
                                + " <table whose periods it runs over>'");
                    }
                    if (scope != Scope.FULL && stage != derived) {
                        throw new IllegalStateException(MANIFEST + " line " + lineNumber
                                + ": only [derived] tables can be built incrementally");
                    }
                    if (!stage.isEmpty() && stage.get(stage.size() - 1).partial() && scope != Scope.FROM_YEAR
                            && scope != Scope.FROM_MONTH && scope != Scope.MONTH_BY_MONTH) {
                        throw new IllegalStateException(MANIFEST + " line " + lineNumber + ": '" + words[0]
                                + "' follows the " + PARTIAL + " table " + stage.get(stage.size() - 1).path()
                                + ", which only an incremental table right after it may read");
                    }
                    if (scope == Scope.PARTIAL && !words[0].startsWith("temp/")) {
                        throw new IllegalStateException(MANIFEST + " line " + lineNumber + ": only a temp/ table"
                                + " can be " + PARTIAL);
                    }
                    if (scope == Scope.MONTH_BY_MONTH && words[0].startsWith("temp/")) {
                        throw new IllegalStateException(MANIFEST + " line " + lineNumber + ": a temp/ table cannot be "
                                + MONTH_BY_MONTH + " (its earlier periods are kept outside the catalogue)");
                    }
                    stage.add(new SqlFile(words[0], sql.apply(words[0]), scope, periods));
                }
            }
        }
        if (!derived.isEmpty() && derived.get(derived.size() - 1).partial()) {
            throw new IllegalStateException(MANIFEST + ": the " + PARTIAL + " table " + derived.get(derived.size() - 1).path()
                    + " comes last, with no incremental table after it to read it");
        }
        return new BuildOrder(tables, derived);
    }

    /**
     * A digest of every SQL file and its flags: two catalogues with the same fingerprint were built by
     * the same SQL, so one may reuse the other's rows.
     */
    String fingerprint() {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (List<SqlFile> stage : List.of(tables, derived)) {
                for (SqlFile file : stage) {
                    digest.update((file.path() + " " + file.scope() + " " + file.periods() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    digest.update(file.text().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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

    /**
     * One catalogue object's SQL: a single statement (a {@link Scope#MONTH_BY_MONTH} file: the table's CREATE TABLE IF
     * NOT EXISTS, then the INSERT of a period's rows), with optional {@code ${name}} placeholders.
     *
     * @param scope which periods of {@link #table()} the file builds when {@code ${recompute_from}} is
     *     not 0 (see build-order.txt)
     * @param periods for {@link Scope#MONTH_BY_MONTH}, the table whose periods the file runs over; else null
     */
    record SqlFile(String path, String text, Scope scope, String periods) {
        SqlFile {
            requireNonNull(path, "path");
            requireNonNull(text, "text");
            requireNonNull(scope, "scope");
            if ((scope == Scope.MONTH_BY_MONTH) != (periods != null)) {
                throw new IllegalArgumentException("sql/" + path + ": a table of periods goes with " + MONTH_BY_MONTH
                        + " and only with it");
            }
        }

        SqlFile(String path, String text, Scope scope) {
            this(path, text, scope, null);
        }

        boolean incremental() {
            return scope == Scope.FROM_YEAR || scope == Scope.FROM_MONTH || scope == Scope.MONTH_BY_MONTH;
        }

        /** Computed from the earliest changed period itself, not its January (build-order.txt). */
        boolean byMonth() {
            return scope == Scope.FROM_MONTH || scope == Scope.MONTH_BY_MONTH;
        }

        /** Run once per period, in order (build-order.txt). */
        boolean monthByMonth() {
            return scope == Scope.MONTH_BY_MONTH;
        }

        /** Only the periods the incremental table after it computes, for that table alone (build-order.txt). */
        boolean partial() {
            return scope == Scope.PARTIAL;
        }

        /** A build-only TEMP table (temp/x.sql → temp.x), never in the published catalogue. */
        boolean temp() {
            return path.startsWith("temp/");
        }

        /** The object's name without its schema: kpi/x.sql → x. */
        String bareName() {
            String table = table();
            return table.substring(table.indexOf('.') + 1);
        }

        /** The object the file creates, by the one-object-per-file convention: kpi/x.sql → kpi.x. */
        String table() {
            return path.substring(0, path.length() - ".sql".length()).replace('/', '.');
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
