package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.warehouse.HrFixture;
import se.nyckeltal.warehouse.RegionFixture;
import se.nyckeltal.warehouse.TestWarehouse;

/**
 * The complementary suppression decides the months in order, each from the earlier months' flags: a month's flags are
 * the same whatever is loaded after it (a figure once published is not hidden later, nor a hidden one shown beside the
 * catalogue that hid it), and a nightly build that decides only the changed months publishes the flags a build of
 * every month would.
 *
 * <pre>
 * area B (units U2, U3, U4; worked hours only, one staff category)
 *            U2   U3   U4
 * 2026-01     5   15   20    U2 a small group: its area's sums hide U3 too (fewer employees than U4), month and ytd
 * 2026-02    11   15    5    U4's month a small group; U2's ytd (11 distinct) and U4's ytd (20) are not
 * </pre>
 *
 * Under a rule that weighed the relations of later months (as before), February's load turned January's choice from
 * U3 to U4 for the ytd figures (U4's February ytd relation is already open, U3's is not), showing U3's January ytd
 * that the January catalogue hid. February's ytd relation of U3 (ytd(Feb) = ytd(Jan) + month(Feb)) starts with
 * January's hidden ytd of U3 as one suppressed member, so one of February's two is hidden too.
 */
class HrSuppressionByMonthTest {
    private static final String FLAGS = "SELECT period, time_window, measure, org_level, org_id, population, suppressed,"
            + " reason FROM internal.hr_suppression ORDER BY ALL";

    @TempDir
    static Path dir;

    private static List<String> january;
    private static List<String> nightly;
    private static List<String> full;
    private static String nightlyBuild;

    @BeforeAll
    static void build() throws SQLException {
        // January, then February as a nightly load in the same warehouse
        TestWarehouse stepwise = new TestWarehouse(dir.resolve("stepwise"));
        HrFixture hr = new HrFixture(stepwise.layout());
        addJanuary(hr);
        List<FactPartition> partitions = new ArrayList<>(hr.write("L1"));
        publish(stepwise, "S1", partitions);
        january = flags(stepwise);
        addFebruary(hr);
        partitions.addAll(hr.write("L2"));
        publish(stepwise, "S2", partitions);
        nightly = flags(stepwise);
        try (Connection catalogue = Catalogue.openReadOnly(stepwise.layout())) {
            nightlyBuild = TestWarehouse.rows(catalogue, "SELECT earliest_change, copied_file FROM meta.catalogue_build")
                    .get(0);
        }

        // both months at once into an empty warehouse
        TestWarehouse once = new TestWarehouse(dir.resolve("once"));
        HrFixture both = new HrFixture(once.layout());
        addJanuary(both);
        addFebruary(both);
        publish(once, "S1", new ArrayList<>(both.write("L1")));
        full = flags(once);
    }

    private static void addJanuary(HrFixture hr) {
        employees(hr, 202601, "U2", 1, 5);
        employees(hr, 202601, "U3", 6, 20);
        employees(hr, 202601, "U4", 21, 40);
    }

    private static void addFebruary(HrFixture hr) {
        employees(hr, 202602, "U2", 1, 5);
        employees(hr, 202602, "U2", 41, 46);
        employees(hr, 202602, "U3", 6, 20);
        employees(hr, 202602, "U4", 21, 25);
    }

    private static void employees(HrFixture hr, int period, String unit, int first, int last) {
        for (int i = first; i <= last; i++) {
            hr.worked(period, String.format("p-E%02d", i), unit, "OWN", 100);
        }
    }

    private static void publish(TestWarehouse w, String snapshotId, List<FactPartition> partitions) {
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot(snapshotId, "L1", partitions),
                w.reference(Map.of("org_units.csv", RegionFixture.ORG_UNITS)), List.of(RegionFixture.load()));
    }

    private static List<String> flags(TestWarehouse w) throws SQLException {
        try (Connection catalogue = Catalogue.openReadOnly(w.layout())) {
            return TestWarehouse.rows(catalogue, FLAGS);
        }
    }

    private static List<String> worked(List<String> flags, int period, String window, String unit) {
        return flags.stream()
                .filter(row -> row.startsWith(period + "|" + window + "|actual|unit|" + unit + "|worked|"))
                .map(row -> row.substring(row.indexOf("|worked|") + "|worked|".length()))
                .toList();
    }

    @Test
    void aMonthsFlagsDoNotChangeWhenALaterMonthIsLoaded() {
        List<String> januaryOnceBothAreLoaded = full.stream().filter(row -> row.startsWith("202601|")).toList();
        assertThat(januaryOnceBothAreLoaded).isNotEmpty().isEqualTo(january);
        // hand-worked: U2 a small group; U3 (15) hidden beside it rather than U4 (20), in both windows
        for (String window : List.of("month", "ytd")) {
            assertThat(worked(january, 202601, window, "U2")).containsExactly("true|small_group");
            assertThat(worked(january, 202601, window, "U3")).containsExactly("true|complementary");
            assertThat(worked(january, 202601, window, "U4")).containsExactly("false|null");
        }
    }

    @Test
    void theNightlyBuildDecidesTheChangedMonthFromTheEarlierOnesAndPublishesWhatAFullBuildWould() {
        assertThat(nightlyBuild).as("February decided in a copy of January's catalogue").isEqualTo("202602|true");
        assertThat(nightly).isEqualTo(full);
        // February's ytd of U3 minus February's month would give January's hidden ytd of U3: one of the two (the
        // month, a part rather than the sum) is hidden, although U3 is no small group in either month
        assertThat(worked(full, 202602, "month", "U3")).containsExactly("true|complementary");
        assertThat(worked(full, 202602, "ytd", "U3")).containsExactly("false|null");
        assertThat(worked(full, 202602, "month", "U4")).containsExactly("true|small_group");
    }
}
