package se.nyckeltal.warehouse.gateway.auth;

/** Authentication failed; the client is told 28P01 without saying whether the user exists. */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
