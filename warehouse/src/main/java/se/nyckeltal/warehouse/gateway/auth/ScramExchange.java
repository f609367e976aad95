package se.nyckeltal.warehouse.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server side of one SCRAM-SHA-256 authentication (RFC 5802, as PostgreSQL runs it: the user
 * name inside the client-first-message is ignored, the start-up packet's user counts). Without
 * channel binding: the gateway offers SCRAM-SHA-256 only, so clients send gs2 header {@code n,,} or
 * {@code y,,}.
 *
 * <p>For an unknown user the exchange runs against a made-up verifier whose salt is derived from the
 * user name, so a client cannot tell an unknown user from a wrong password.
 */
public final class ScramExchange {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScramVerifier verifier;
    private final boolean userExists;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    public ScramExchange(ScramVerifier verifier, String user, byte[] mockSecret) {
        this.userExists = verifier != null;
        this.verifier = verifier != null ? verifier : mock(user, mockSecret);
    }

    private static ScramVerifier mock(String user, byte[] secret) {
        byte[] salt = new byte[16];
        System.arraycopy(ScramVerifier.hmac(secret, user), 0, salt, 0, 16);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return new ScramVerifier(ScramVerifier.DEFAULT_ITERATIONS, salt, random, random);
    }

    /**
     * @param clientFirst the client-first-message from SASLInitialResponse
     * @return the server-first-message
     * @throws AuthenticationException when the message is malformed or asks for channel binding
     */
    public String serverFirst(String clientFirst) {
        byte[] serverNonce = new byte[18];
        RANDOM.nextBytes(serverNonce);
        return serverFirst(clientFirst, B64.encodeToString(serverNonce));
    }

    /** With a given server nonce part: RFC 7677's test vector uses a fixed one. */
    String serverFirst(String clientFirst, String serverNonce) {
        if (clientFirst.startsWith("p=")) {
            throw new AuthenticationException("channel binding is not supported; connect with channel_binding=disable or prefer");
        }
        if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
            throw new AuthenticationException("malformed SCRAM client-first-message");
        }
        int bare = clientFirst.indexOf(',', 2);
        if (bare < 0) {
            throw new AuthenticationException("malformed SCRAM client-first-message");
        }
        clientFirstBare = clientFirst.substring(bare + 1);
        String clientNonce = attributes(clientFirstBare).get("r");
        if (clientNonce == null || clientNonce.isEmpty()) {
            throw new AuthenticationException("SCRAM client-first-message has no nonce");
        }
        nonce = clientNonce + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + B64.encodeToString(verifier.salt()) + ",i=" + verifier.iterations();
        return serverFirst;
    }

    /**
     * @param clientFinal the client-final-message from SASLResponse
     * @return the server-final-message, proving the server knew the verifier
     * @throws AuthenticationException when the proof is wrong (wrong password or unknown user)
     */
    public String serverFinal(String clientFinal) {
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (serverFirst == null || proofAt < 0) {
            throw new AuthenticationException("malformed SCRAM client-final-message");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        Map<String, String> attributes = attributes(withoutProof);
        if (!nonce.equals(attributes.get("r"))) {
            throw new AuthenticationException("SCRAM nonce mismatch");
        }
        byte[] proof;
        try {
            proof = B64D.decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("malformed SCRAM proof");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = ScramVerifier.hmac(verifier.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            throw new AuthenticationException("password authentication failed");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        boolean matches = MessageDigest.isEqual(ScramVerifier.sha256(clientKey), verifier.storedKey());
        if (!matches || !userExists) {
            throw new AuthenticationException("password authentication failed");
        }
        return "v=" + B64.encodeToString(ScramVerifier.hmac(verifier.serverKey(), authMessage));
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                attributes.put(part.substring(0, 1), part.substring(2));
            }
        }
        return attributes;
    }
}
