package se.nyckeltal.warehouse.gateway.wire;

/** The client broke the protocol (08P01); the connection is closed after telling it. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
