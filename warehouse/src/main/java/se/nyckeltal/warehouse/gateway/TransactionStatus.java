package se.nyckeltal.warehouse.gateway;

/** Where a session stands, as ReadyForQuery reports it to the client. */
enum TransactionStatus {
    /** No transaction block. */
    IDLE('I'),
    /** Inside BEGIN … COMMIT. */
    IN_BLOCK('T'),
    /** Inside a transaction block after an error: statements are ignored until ROLLBACK. */
    FAILED('E');

    private final char code;

    TransactionStatus(char code) {
        this.code = code;
    }

    /** The status byte of ReadyForQuery. */
    char code() {
        return code;
    }
}
