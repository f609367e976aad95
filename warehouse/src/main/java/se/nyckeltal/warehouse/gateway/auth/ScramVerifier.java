package se.nyckeltal.warehouse.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the server keeps of a password (RFC 5802 / RFC 7677): salt, iteration count, StoredKey and
 * ServerKey. The password itself cannot be recovered from it. The text form is PostgreSQL's
 * {@code pg_authid.rolpassword} format, {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>},
 * so verifiers can be moved between a PostgreSQL server and the gateway.
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    /** PostgreSQL's default (scram_iterations). */
    public static final int DEFAULT_ITERATIONS = 4096;

    private static final Pattern TEXT = Pattern.compile("SCRAM-SHA-256\\$(\\d+):([^$]+)\\$([^:]+):(.+)");
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    public ScramVerifier {
        requireNonNull(salt, "salt");
        requireNonNull(storedKey, "storedKey");
        requireNonNull(serverKey, "serverKey");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
    }

    /** A verifier for a new password with a fresh random 16-byte salt. */
    public static ScramVerifier create(String password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return derive(password, salt, iterations);
    }

    /** The verifier a password has with this salt: what a client proves it knows. */
    public static ScramVerifier derive(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        return new ScramVerifier(iterations, salt.clone(), sha256(clientKey), hmac(salted, "Server Key"));
    }

    public static ScramVerifier parse(String text) {
        Matcher matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier (SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>)");
        }
        return new ScramVerifier(Integer.parseInt(matcher.group(1)), B64D.decode(matcher.group(2)),
                B64D.decode(matcher.group(3)), B64D.decode(matcher.group(4)));
    }

    public String text() {
        return "SCRAM-SHA-256$" + iterations + ":" + B64.encodeToString(salt) + "$" + B64.encodeToString(storedKey)
                + ":" + B64.encodeToString(serverKey);
    }

    /**
     * PBKDF2-HMAC-SHA-256 of the password. SASLprep is approximated by NFKC normalisation, which is
     * what it does to every printable password; Java's PBKDF2 encodes the characters as UTF-8.
     */
    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        char[] chars = Normalizer.normalize(password, Normalizer.Form.NFKC).toCharArray();
        try {
            PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScramVerifier v && v.iterations == iterations && Arrays.equals(v.salt, salt)
                && Arrays.equals(v.storedKey, storedKey) && Arrays.equals(v.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedKey);
    }

    @Override
    public String toString() {
        return "ScramVerifier[iterations=" + iterations + "]";
    }
}
