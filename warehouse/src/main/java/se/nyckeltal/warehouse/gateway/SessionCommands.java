package se.nyckeltal.warehouse.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.nyckeltal.warehouse.gateway.sql.SessionSettings;
import se.nyckeltal.warehouse.gateway.sql.SqlText;
import se.nyckeltal.warehouse.gateway.wire.PgError;

/**
 * The statements a session answers itself, DuckDB never seeing them: SET, RESET, BEGIN, COMMIT,
 * ROLLBACK, DISCARD, DEALLOCATE and the harmless ones. Each returns what the client is to be told —
 * its command tag, the ParameterStatus changes and notices — and the session writes it.
 */
final class SessionCommands {
    /** A NoticeResponse. */
    record Notice(String sqlState, String message) {}

    /**
     * What a command did.
     *
     * @param tag the CommandComplete tag
     * @param parameterStatus reported settings that changed, name to new value
     */
    record Outcome(String tag, Map<String, String> parameterStatus, List<Notice> notices) {
        static Outcome of(String tag) {
            return new Outcome(tag, Map.of(), List.of());
        }

        static Outcome notice(String tag, Notice notice) {
            return new Outcome(tag, Map.of(), List.of(notice));
        }
    }

    private final ClientSession session;
    private final SessionSettings settings;

    SessionCommands(ClientSession session, SessionSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    Outcome run(QueryPlan plan) {
        String sql = plan.sql();
        TransactionStatus transaction = session.transaction();
        switch (plan.kind()) {
            case SET -> {
                return new Outcome("SET", settings.set(sql), List.of());
            }
            case RESET -> {
                return new Outcome("RESET", settings.reset(sql), List.of());
            }
            case BEGIN -> {
                String tag = SqlText.firstWord(sql).equals("START") ? "START TRANSACTION" : "BEGIN";
                if (transaction != TransactionStatus.IDLE) {
                    return Outcome.notice(tag, new Notice("25001", "there is already a transaction in progress"));
                }
                session.transaction(TransactionStatus.IN_BLOCK);
                return Outcome.of(tag);
            }
            case COMMIT -> {
                session.endTransaction();
                if (transaction == TransactionStatus.IDLE) {
                    return Outcome.notice("COMMIT", new Notice("25P01", "there is no transaction in progress"));
                }
                return Outcome.of(transaction == TransactionStatus.FAILED ? "ROLLBACK" : "COMMIT");
            }
            case ROLLBACK -> {
                session.endTransaction();
                if (transaction == TransactionStatus.IDLE) {
                    return Outcome.notice("ROLLBACK", new Notice("25P01", "there is no transaction in progress"));
                }
                return Outcome.of("ROLLBACK");
            }
            case DISCARD -> {
                List<String> words = SqlText.words(sql, 2);
                Map<String, String> changed = Map.of();
                if (words.size() > 1 && words.get(1).equals("ALL")) {
                    if (transaction != TransactionStatus.IDLE) {
                        throw new PgError("25001", "DISCARD ALL cannot run inside a transaction block");
                    }
                    session.closeStatements();
                    session.closePortals();
                    changed = new LinkedHashMap<>(settings.reset("RESET ALL"));
                }
                return new Outcome("DISCARD " + (words.size() > 1 ? words.get(1) : "ALL"), changed, List.of());
            }
            case DEALLOCATE -> {
                return deallocate(sql);
            }
            case SAVEPOINT -> {
                requireBlock(transaction, "SAVEPOINT");
                session.savepoints().add(savepointName(sql));
                return Outcome.of("SAVEPOINT");
            }
            case RELEASE -> {
                requireBlock(transaction, "RELEASE SAVEPOINT");
                List<String> savepoints = session.savepoints();
                // releasing a savepoint also releases every savepoint made after it
                savepoints.subList(savepoint(savepoints, savepointName(sql)), savepoints.size()).clear();
                return Outcome.of("RELEASE");
            }
            case ROLLBACK_TO -> {
                requireBlock(transaction, "ROLLBACK TO SAVEPOINT");
                List<String> savepoints = session.savepoints();
                // the savepoint stays; later ones go; the block is usable again after an error
                savepoints.subList(savepoint(savepoints, savepointName(sql)) + 1, savepoints.size()).clear();
                session.transaction(TransactionStatus.IN_BLOCK);
                return Outcome.of("ROLLBACK");
            }
            case HARMLESS -> {
                List<String> words = SqlText.words(sql, 2);
                return Outcome.of(switch (words.get(0)) {
                    case "CLOSE" -> "CLOSE CURSOR";
                    case "ROLLBACK" -> "ROLLBACK";
                    default -> words.get(0);
                });
            }
            default -> throw new PgError(PgError.INTERNAL_ERROR, "cannot run " + plan.kind());
        }
    }

    private static void requireBlock(TransactionStatus transaction, String command) {
        if (transaction == TransactionStatus.IDLE) {
            throw new PgError("25P01", command + " can only be used in transaction blocks");
        }
    }

    /** The newest savepoint of that name. */
    private static int savepoint(List<String> savepoints, String name) {
        int index = savepoints.lastIndexOf(name);
        if (index < 0) {
            throw new PgError("3B001", "savepoint \"" + name + "\" does not exist");
        }
        return index;
    }

    /** The savepoint's name: the statement's last word, folded to lower case unless quoted. */
    static String savepointName(String sql) {
        String text = SqlText.codeOnly(sql).strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.endsWith("\"") && text.length() > 1) {
            int open = text.length() - 2;
            while (open >= 0 && !(text.charAt(open) == '"' && (open == 0 || text.charAt(open - 1) != '"'))) {
                open--;
            }
            if (open >= 0) {
                return text.substring(open + 1, text.length() - 1).replace("\"\"", "\"");
            }
        }
        String[] words = text.split("\\s+");
        return words[words.length - 1].toLowerCase(Locale.ROOT);
    }

    private Outcome deallocate(String sql) {
        String target = sql.strip().replaceFirst("(?is)^DEALLOCATE\\s+(PREPARE\\s+)?", "").replaceAll(";\\s*$", "").strip();
        if (target.equalsIgnoreCase("ALL")) {
            session.deallocateAll();
            return Outcome.of("DEALLOCATE ALL");
        }
        String name = target.startsWith("\"") && target.endsWith("\"") && target.length() > 1
                ? target.substring(1, target.length() - 1).replace("\"\"", "\"") : target.toLowerCase(Locale.ROOT);
        if (!session.deallocate(name) && !session.deallocate(target)) {
            throw new PgError(PgError.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
        }
        return Outcome.of("DEALLOCATE");
    }
}
