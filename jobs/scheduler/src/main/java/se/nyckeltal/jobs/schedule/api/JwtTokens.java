package se.nyckeltal.jobs.schedule.api;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's bearer tokens, as Airflow 3 issues them from {@code POST /auth/token}: JWTs signed with
 * HS512, with the user as {@code sub}, Airflow's audience, an issue time and an expiry. The
 * signing secret is 64 random bytes kept in the scheduler's state folder (file mode 600), so tokens
 * survive a restart; it is never logged. Deleting the file revokes every token issued.
 */
public final class JwtTokens {
    /** The secret's file in the state folder. */
    public static final String KEY_FILE = "api-jwt-secret";
    /** Airflow's default audience for its API tokens. */
    public static final String AUDIENCE = "apache-airflow";
    public static final String ISSUER = "nyckeltal";
    /** Airflow's default [api_auth] jwt_expiration_time. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);

    private static final Logger LOG = LoggerFactory.getLogger(JwtTokens.class);
    private static final int KEY_BYTES = 64;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final byte[] secret;
    private final Clock clock;
    private final Duration expiry;

    /** Why a token was refused (the API answers 401 with it). */
    public static final class InvalidTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message);
        }
    }

    private JwtTokens(byte[] secret, Clock clock, Duration expiry) {
        this.secret = secret.clone();
        this.clock = requireNonNull(clock, "clock");
        this.expiry = requireNonNull(expiry, "expiry");
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("the token expiry must be positive");
        }
    }

    /** Reads the secret from {@code stateDir/api-jwt-secret}, creating it (mode 600) on first use. */
    public static JwtTokens inStateFolder(Path stateDir, Clock clock, Duration expiry) {
        return new JwtTokens(loadOrCreateSecret(stateDir.resolve(KEY_FILE)), clock, expiry);
    }

    static byte[] loadOrCreateSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                Path temp = Files.createTempFile(file.getParent(), KEY_FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                try {
                    Files.writeString(temp, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(temp);
                } finally {
                    Files.deleteIfExists(temp);
                }
                LOG.info("API: created the token signing secret {} (mode 600)", file);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!permissions.equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                LOG.warn("API: {} was readable by others ({}); set to mode 600", file,
                        PosixFilePermissions.toString(permissions));
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length < KEY_BYTES) {
                throw new IllegalStateException(file + " does not hold a " + KEY_BYTES + "-byte base64 secret; delete it"
                        + " and restart the scheduler to create a new one (tokens issued before stop working)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API token secret " + file, e);
        }
    }

    public Duration expiry() {
        return expiry;
    }

    /** A signed token for {@code user}, valid from now until now + expiry. */
    public String issue(String user) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(expiry)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
        return jwt.serialize();
    }

    /**
     * The user a token was issued to.
     *
     * @throws InvalidTokenException when it is malformed, not signed with our secret and HS512,
     *     not yet valid, expired, or for another audience or issuer
     */
    public String verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("Invalid JWT token");
        }
        if (!JWSAlgorithm.HS512.equals(jwt.getHeader().getAlgorithm()) || jwt.getState() != JWSObject.State.SIGNED) {
            throw new InvalidTokenException("Invalid JWT token");
        }
        try {
            JWSVerifier verifier = new MACVerifier(secret);
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("Invalid JWT token");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
                throw new InvalidTokenException("Token has expired");
            }
            if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant())) {
                throw new InvalidTokenException("Token is not yet valid");
            }
            if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null
                    || !claims.getAudience().contains(AUDIENCE) || claims.getSubject() == null) {
                throw new InvalidTokenException("Invalid JWT token");
            }
            return claims.getSubject();
        } catch (JOSEException | ParseException e) {
            throw new InvalidTokenException("Invalid JWT token");
        }
    }
}
