package se.nyckeltal.schemas.contract;

/** The kinds of extract that land, each in its own folder under the landing zone. */
public enum SourceKind {
    LEDGER("ledger"),
    PRODUCTION("production"),
    HR("hr"),
    /** Listings and care-need measures per vårdcentral at month end (vårdval, SPEC §3). */
    LISTINGS("listings");

    private final String folder;

    SourceKind(String folder) {
        this.folder = folder;
    }

    /** Folder under {@code <landing>/} and the fact table name. */
    public String folder() {
        return folder;
    }
}
