package se.nyckeltal.warehouse.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gateway's users: one line per user, {@code name:SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>},
 * '#' starts a comment. Only salted verifiers are stored, never a password. Written with owner-only
 * permissions, replaced atomically.
 */
public final class UserFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}");

    private final Path file;
    private final Map<String, ScramVerifier> users;

    private UserFile(Path file, Map<String, ScramVerifier> users) {
        this.file = file;
        this.users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    /**
     * @throws IllegalArgumentException naming the line when the file is malformed
     * @throws UncheckedIOException when it cannot be read
     */
    public static UserFile load(Path file) {
        requireNonNull(file, "file");
        Map<String, ScramVerifier> users = new LinkedHashMap<>();
        if (Files.exists(file)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the users file " + file, e);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                try {
                    if (colon < 0) {
                        throw new IllegalArgumentException("expected name:SCRAM-SHA-256$…");
                    }
                    String name = checkName(line.substring(0, colon));
                    users.put(name, ScramVerifier.parse(line.substring(colon + 1)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return new UserFile(file, users);
    }

    public static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name
                    + "' must be 1–63 characters of letters, digits, '_', '.', '@' or '-'");
        }
        return name;
    }

    public Optional<ScramVerifier> verifier(String user) {
        return Optional.ofNullable(users.get(user));
    }

    public int size() {
        return users.size();
    }

    public List<String> names() {
        return List.copyOf(users.keySet());
    }

    /**
     * Adds a user or replaces its password, keeping the file's other lines and comments.
     *
     * @return true when the user was new
     */
    public static boolean put(Path file, String user, String password) {
        checkName(user);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        load(file);
        String line = user + ":" + ScramVerifier.create(password, ScramVerifier.DEFAULT_ITERATIONS).text();
        List<String> lines = new ArrayList<>();
        boolean replaced = false;
        try {
            if (Files.exists(file)) {
                for (String existing : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (existing.strip().startsWith(user + ":")) {
                        lines.add(line);
                        replaced = true;
                    } else {
                        lines.add(existing);
                    }
                }
            } else {
                lines.add("# nyckeltal gateway users: name:SCRAM-SHA-256 verifier (salted; no passwords). Add with 'nyckeltal users add'.");
            }
            if (!replaced) {
                lines.add(line);
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the users file " + file, e);
        }
        return !replaced;
    }

    public Path file() {
        return file;
    }
}
