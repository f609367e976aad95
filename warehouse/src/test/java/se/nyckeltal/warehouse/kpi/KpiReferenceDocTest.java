package se.nyckeltal.warehouse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/analysts.md's KPI reference is the definitions' headers, current. After changing a definition,
 * regenerate it with
 * {@code mvn -B -ntp -q -pl warehouse -am verify -Dtest=KpiReferenceDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dnyckeltal.write-kpi-reference=true}
 * and commit docs/analysts.md.
 */
class KpiReferenceDocTest {
    /** Surefire runs in the module's folder; the doc is in the repository's. */
    private static final Path DOC = Path.of("..", "docs", "analysts.md");
    static final String WRITE = "nyckeltal.write-kpi-reference";

    @Test
    void analystsGuideHoldsTheCurrentKpiReference() throws IOException {
        String checkedIn = Files.readString(DOC, StandardCharsets.UTF_8);
        String current = new KpiReference(KpiDefinitions.load()).update(checkedIn);
        if (Boolean.getBoolean(WRITE) && !current.equals(checkedIn)) {
            Files.writeString(DOC, current, StandardCharsets.UTF_8);
            checkedIn = current;
        }

        assertThat(checkedIn)
                .as("docs/analysts.md's KPI reference is not what sql/kpi/definitions/ say. Regenerate it: mvn -B -ntp"
                        + " -q -pl warehouse -am verify -Dtest=KpiReferenceDocTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true, then commit docs/analysts.md")
                .isEqualTo(current);
    }

    @Test
    void referenceListsEveryKpiWithItsRulesAndAFamilyOnce() {
        String reference = new KpiReference(KpiDefinitions.load()).markdown();

        assertThat(reference).startsWith(KpiReference.BEGIN).endsWith(KpiReference.END)
                .contains("| `gross_cost_development_pct` | Bruttokostnadsutveckling | % | down | no | sum | (cost(W)"
                        + " ÷ cost(W − 12 months) − 1) × 100; numerator cost(W) − cost(W−12), denominator cost(W−12) |")
                .contains("| `drg_points` | DRG-poäng totalt (1 mån släp) | poäng | up | yes | lagged_one_month |")
                .contains("| `production.<CONTACT_TYPE>` | one per member, in `dim.kpi` | per member | up | yes | sum |")
                .contains("- `lagged_one_month`: ");
        for (KpiDefinition kpi : KpiDefinitions.load().kpis()) {
            assertThat(reference).as(kpi.kpiId()).containsOnlyOnce("| `" + kpi.kpiId() + "` |");
        }
    }
}
