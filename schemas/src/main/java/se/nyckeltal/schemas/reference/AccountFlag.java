package se.nyckeltal.schemas.reference;

import java.util.Locale;

/** Marks on account ranges that KPIs select by (SPEC §3, accounts.csv flags). */
public enum AccountFlag {
    /** Personalkostnad. */
    PERSONNEL,
    /** Externt inhyrd personal. */
    AGENCY,
    /** Övertid/mertid. */
    OVERTIME,
    /** Regionersättning: internal allocation, left out of net cost. */
    INTERNAL_ALLOCATION;

    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountFlag parse(String text) {
        for (AccountFlag flag : values()) {
            if (flag.csvName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return flag;
            }
        }
        throw new IllegalArgumentException("unknown flag '" + text.strip()
                + "': use personnel, agency, overtime or internal_allocation");
    }
}
