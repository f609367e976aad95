package se.nyckeltal.jobs.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * The shipped reference files — the demo region's — written into a test's landing zone. A load needs
 * the region's own {@code org_units.csv} and {@code accounts.csv}; a test whose numbers are worked
 * out against the demo region's mapping delivers these, as a region delivers its own.
 */
public final class ReferenceFixtures {
    private ReferenceFixtures() {}

    public static void writeShipped(Path landing, String... names) throws IOException {
        Path dir = Files.createDirectories(landing.resolve("reference"));
        for (String name : names) {
            Files.write(dir.resolve(name), ReferenceData.shippedDefault(name));
        }
    }
}
