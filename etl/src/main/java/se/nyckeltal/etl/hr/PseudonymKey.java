package se.nyckeltal.etl.hr;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that turns an employee id into its pseudonym: HMAC-SHA256 of the id (surrounding blanks
 * removed) under the key, the first 128 bits in hex. The same id and key always give the same
 * pseudonym, so sick spells and distinct counts work across loads; without the key the id cannot be
 * recovered or tested. Serializable because executors pseudonymise the rows; never printed.
 */
public final class PseudonymKey implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Shorter secrets are guessable: refuse them. */
    static final int MIN_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int PSEUDONYM_BYTES = 16;
    private static final byte[] FINGERPRINT_INPUT = "nyckeltal pseudonym key fingerprint".getBytes(StandardCharsets.UTF_8);

    private final byte[] secret;
    private final String origin;
    private transient Mac mac;

    private PseudonymKey(byte[] secret, String origin) {
        this.secret = secret.clone();
        this.origin = requireNonNull(origin, "origin");
    }

    /**
     * @param text the key as configured; surrounding blanks (an editor's final newline) are not part of it
     * @param origin where it came from, for messages (never the key itself)
     * @throws IllegalArgumentException when the key is shorter than {@value #MIN_LENGTH} characters
     */
    public static PseudonymKey of(String text, String origin) {
        String key = text == null ? "" : text.strip();
        if (key.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the pseudonym key from " + origin + " is " + key.length()
                    + " characters long; use at least " + MIN_LENGTH + " random characters"
                    + " (e.g. openssl rand -base64 32)");
        }
        return new PseudonymKey(key.getBytes(StandardCharsets.UTF_8), origin);
    }

    /** The employee's pseudonym: 32 hex characters. */
    public synchronized String pseudonym(String employeeId) {
        return HexFormat.of().formatHex(mac().doFinal(employeeId.strip().getBytes(StandardCharsets.UTF_8)), 0,
                PSEUDONYM_BYTES);
    }

    /**
     * Identifies the key without revealing it, so a load can tell that the key changed since the
     * restricted data was written (pseudonyms would no longer match).
     */
    public synchronized String fingerprint() {
        return HexFormat.of().formatHex(mac().doFinal(FINGERPRINT_INPUT), 0, 8);
    }

    /** Where the key came from: a file, the environment, the warehouse's generated key. */
    public String origin() {
        return origin;
    }

    private Mac mac() {
        if (mac == null) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(secret, ALGORITHM));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
            }
        }
        return mac;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PseudonymKey k && Arrays.equals(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "PseudonymKey[" + origin + "]";
    }
}
