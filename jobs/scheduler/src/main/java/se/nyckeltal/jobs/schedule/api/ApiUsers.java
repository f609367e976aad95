package se.nyckeltal.jobs.schedule.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The REST API's users: a file of {@code name:pbkdf2-sha256$iterations$salt$hash} lines ({@code #}
 * starts a comment), written with {@code nyckeltal scheduler add-api-user}. Passwords are never
 * stored, only their PBKDF2 hashes.
 */
public final class ApiUsers {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 210_000;

    private final Map<String, String> hashes;

    private ApiUsers(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    public static ApiUsers load(Path file) {
        Map<String, String> hashes = new LinkedHashMap<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int colon = text.indexOf(':');
                if (colon <= 0 || !text.substring(colon + 1).startsWith(SCHEME + "$")) {
                    throw new IllegalArgumentException(file + " line " + n + ": expected name:" + SCHEME
                            + "$…; add users with: nyckeltal scheduler add-api-user NAME --api-users " + file);
                }
                hashes.put(text.substring(0, colon), text.substring(colon + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API users file " + file, e);
        }
        return new ApiUsers(hashes);
    }

    public static ApiUsers of(Map<String, String> passwords) {
        Map<String, String> hashes = new LinkedHashMap<>();
        passwords.forEach((name, password) -> hashes.put(name, hash(password)));
        return new ApiUsers(hashes);
    }

    public boolean isEmpty() {
        return hashes.isEmpty();
    }

    /** Checks a password in time that does not depend on where it differs. */
    public boolean authenticate(String name, String password) {
        String stored = hashes.get(name);
        if (stored == null) {
            hash(password); // same work for unknown names
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    }

    /** A new line's secret for {@code password}, with a fresh salt. */
    public static String hash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt, ITERATIONS));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
