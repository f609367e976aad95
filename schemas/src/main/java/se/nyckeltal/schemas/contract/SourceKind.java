package se.nyckeltal.schemas.contract;

/** The kinds of extract that land, each in its own folder under the landing zone. */
public enum SourceKind {
    LEDGER("ledger"),
    PRODUCTION("production"),
    HR("hr"),
    /** Indicator measurements from other systems (indikatorer), SPEC §3. */
    INDICATORS("indicators"),
    /** Action plans and their realised effect (effekthemtagning), SPEC §3. */
    ACTIONS("actions"),
    /** The controllers' analysis text (analys och kommentarer), SPEC §3. */
    COMMENTS("comments"),
    /** Listings and care-need measures per vårdcentral at month end (vårdval, SPEC §3). */
    LISTINGS("listings");

    private final String folder;

    SourceKind(String folder) {
        this.folder = folder;
    }

    /** Folder under {@code <landing>/}; the fact table name of the first three. */
    public String folder() {
        return folder;
    }
}
