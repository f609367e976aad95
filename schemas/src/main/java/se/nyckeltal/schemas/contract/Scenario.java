package se.nyckeltal.schemas.contract;

import java.util.Locale;

/** Which kind of numbers a row carries: utfall, budget or prognos. */
public enum Scenario {
    ACTUAL,
    BUDGET,
    FORECAST;

    /**
     * Reads a scenario as delivered: English or Swedish (UTFALL, BUDGET, PROGNOS), any case.
     * An empty value means ACTUAL (SPEC §3). Anything else is an error the caller quarantines.
     */
    public static Scenario parse(String text) {
        if (text == null || text.isBlank()) {
            return ACTUAL;
        }
        switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "ACTUAL":
            case "UTFALL":
                return ACTUAL;
            case "BUDGET":
                return BUDGET;
            case "FORECAST":
            case "PROGNOS":
                return FORECAST;
            default:
                throw new IllegalArgumentException("unknown scenario '" + text.strip()
                        + "': use ACTUAL, BUDGET or FORECAST (UTFALL, BUDGET, PROGNOS)");
        }
    }
}
