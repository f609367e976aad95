package se.nyckeltal.jobs.load;

import java.util.List;
import java.util.stream.Collectors;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * What a load (and the nightly validation) says when the landing zone lacks the region's own org
 * units or chart of accounts: the shipped ones are the demo region's, and loading a real region's
 * ledger against them would map its cost centres and accounts wrongly without a word.
 */
final class MissingReference {
    static final String OPTIONAL = ReferenceData.FILE_NAMES.stream()
            .filter(name -> !ReferenceData.REQUIRED_FILE_NAMES.contains(name))
            .collect(Collectors.joining(", "));

    private MissingReference() {}

    static String message(LandingZone landing, List<String> missing) {
        return "no " + String.join(" or ", missing) + " in " + landing.referenceFolder()
                + ": a load needs the region's own org units and chart of accounts (the shipped ones are the demo"
                + " region's)";
    }

    static String hint(LandingZone landing) {
        return "put the region's " + String.join(" and ", ReferenceData.REQUIRED_FILE_NAMES) + " in "
                + landing.referenceFolder() + " (formats in docs/operators.md); to try nyckeltal on demo data, use"
                + " 'nyckeltal demo' or 'nyckeltal generate', which write the demo region's";
    }
}
