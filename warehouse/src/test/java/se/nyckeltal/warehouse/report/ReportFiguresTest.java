package se.nyckeltal.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * Every figure of the generated HTML, read back through its data-* attributes, is the catalogue's value:
 * kpi.kpi_values when there is no data-view, else the named wide view's column for that line.
 */
class ReportFiguresTest {
    @TempDir
    static Path dir;

    private static Connection catalogue;
    private static ReportBuilder builder;
    private static final ReportRenderer RENDERER = new ReportRenderer();

    @BeforeAll
    static void publish() throws SQLException {
        catalogue = Catalogue.openReadOnly(ReportFixture.publish(dir));
        builder = new ReportBuilder(catalogue);
    }

    @AfterAll
    static void close() throws SQLException {
        catalogue.close();
    }

    private static Document report(String org) throws SQLException {
        return Jsoup.parse(RENDERER.html(builder.build(builder.resolve(202602, org), 202602)));
    }

    @Test
    void everyFigureOfEveryOrgsReportIsTheCataloguesValue() throws SQLException {
        int checked = 0;
        for (OrgRef org : builder.orgs(202602)) {
            Document html = report(org.id());
            assertThat(html.select("[data-value]")).as("figures in the report of %s", org.id()).isNotEmpty();
            checked += ReportFigureCheck.everyFigureIsTheCataloguesValue(catalogue, html);
        }
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    void tablesShowTheRoundedValuesTheSeedWay() throws SQLException {
        Document html = report("TOTAL");
        // Income statement, ytd February 2026, whole administration (RegionFixture): revenue 1 000 + 500 + 5 000 kr.
        Element revenue = html.selectFirst("#income_statement td[data-kpi=SUM_REVENUE][data-measure=actual]");
        assertThat(revenue.attr("data-value")).isEqualTo("6500");
        assertThat(revenue.text()).isEqualTo("0"); // 0,0065 mnkr in whole mnkr
        // Own production, doctor visits ytd: 100 + 120 = 220 against 80 + 90 = 170 a year earlier, +29,4 %.
        Element visits = html.selectFirst("#production_own td[data-kpi=DOCTOR_VISIT][data-measure=actual]");
        assertThat(visits.text()).isEqualTo("220");
        Element change = html.selectFirst(
                "#production_own td[data-kpi=DOCTOR_VISIT][data-measure=deviation_previous_year_pct]");
        assertThat(change.text()).isEqualTo("29,4%");
        assertThat(html.select("[data-value]").eachAttr("data-measure")).doesNotContainNull();
    }

    @Test
    void sectionsComeInTheSeedsOrderWithTheirIds() throws SQLException {
        Document html = report("TOTAL");
        assertThat(html.select("section").eachAttr("id")).containsExactly("summary", "indicators", "production_own",
                "production_primary_care", "production_private_providers", "action_plan", "worked_time", "sick_leave",
                "income_statement", "cost_development", "areas", "data_quality");
        assertThat(html.select("section h2").eachText()).startsWith("Perioden i siffror", "Indikatorer",
                "Produktionsdata – Egen produktion");
    }

    @Test
    void sectionsWithoutDeliveredDataSayHowToDeliverIt() throws SQLException {
        Document html = report("TOTAL");
        assertThat(html.selectFirst("#action_plan p.missing").text()).contains("landing/actions/");
        assertThat(html.select("#action_plan table")).isEmpty();
        assertThat(html.selectFirst("#indicators p.missing").text()).contains("landing/indicators/");
        // Area A has no private primary care in 2026 (U2 moved to B): one line, no table.
        Document areaA = report("A");
        assertThat(areaA.selectFirst("#production_primary_care p.missing").text())
                .startsWith("Ingen produktion levererad").contains("REGION_PRIMARY_CARE");
    }

    @Test
    void suppressedSickLeaveIsAStarWithAFootnoteNeverANumber() throws SQLException {
        Document u2 = report("U2");
        Element total = u2.selectFirst("#sick_leave td[data-kpi=sick_leave_pct][data-measure=value]");
        assertThat(total.text()).isEqualTo("*");
        assertThat(total.attr("data-value")).isEmpty();
        assertThat(total.attr("data-suppressed")).isEqualTo("true");
        assertThat(u2.selectFirst("#sick_leave p.footnote").text()).startsWith("* Redovisas inte");
        // U1's 11 are a large group, but U1 is all of area A and TOTAL = A + B (U2's G01 alone): TOTAL − U1 would
        // give G01's sick leave, so U1's is starred the same way (sekundärröjning), with the same footnote
        Document u1 = report("U1");
        Element u1Total = u1.selectFirst("#sick_leave td[data-kpi=sick_leave_pct][data-measure=value]");
        assertThat(u1Total.text()).isEqualTo("*");
        assertThat(u1Total.attr("data-value")).isEmpty();
        assertThat(u1.selectFirst("#sick_leave p.footnote").text()).startsWith("* Redovisas inte");
        // U1's 6 women and 5 men are groups of 10 or fewer: starred too
        assertThat(u1.selectFirst("#sick_leave td[data-kpi=sick_leave_pct_women][data-measure=value]").text())
                .isEqualTo("*");
        // TOTAL's 12 are shown: (88 + 10) ÷ (1 760 + 100) = 5,3 %
        assertThat(report("TOTAL").selectFirst("#sick_leave td[data-kpi=sick_leave_pct][data-measure=value]").text())
                .isEqualTo("5,3%");
    }

    @Test
    void summaryIsWrittenFromTheKpis() throws SQLException {
        Document u1 = report("U1");
        List<String> bullets = u1.select("#summary li").eachText();
        // U1 own doctor visits ytd 220 vs 170: +29,4 %; U1's sick leave is suppressed (see above), and says so
        assertThat(bullets).contains("Produktion jämfört med föregående år: Läkarbesök +29,4 %.");
        assertThat(bullets).anyMatch(b -> b.startsWith("Sjukfrånvaron redovisas inte"));
        // TOTAL's sick leave 5,3 % vs 0,0 %; the sentences' figures are traced like the tables':
        // (44 + 44 + 10) ÷ (11 × 160 + 100) × 100 = 98 ÷ 1 860 × 100 = 5,2688 %
        Document total = report("TOTAL");
        assertThat(total.select("#summary li").eachText()).contains("Högre sjukfrånvaro 5,3 % (0,0 %).");
        Element sick = total.selectFirst("#summary span[data-kpi=sick_leave_pct][data-measure=value]");
        assertThat(sick.text()).isEqualTo("5,3");
        assertThat(new BigDecimal(sick.attr("data-value"))).isEqualByComparingTo("5.268817");
        assertThat(u1.selectFirst("#summary span[data-kpi=DOCTOR_VISIT]").attr("data-view")).isEqualTo("kpi.production_own");
    }

    @Test
    void chartsAreInlineSvgWhosePointsCarryTheirSource() throws SQLException {
        Document html = report("U1");
        assertThat(html.select("#income_statement svg")).hasSize(1);
        assertThat(html.select("#sick_leave svg")).hasSize(1);
        assertThat(html.select("#production_own svg")).hasSize(1);
        assertThat(html.select("#worked_time svg")).hasSize(1);
        assertThat(html.select("#income_statement svg [data-kpi=result][data-measure=value]")).hasSize(2);
        assertThat(html.select("svg text").eachText()).contains("jan", "dec", "Månad");
        assertThat(html.select("link[href], script[src], img[src]")).isEmpty();
    }

    @Test
    void idsAreUniqueInTheDocumentChartPatternsToo() throws SQLException {
        Document html = report("U1");
        List<String> ids = html.select("[id]").eachAttr("id");
        assertThat(ids).doesNotHaveDuplicates();
        // Every pattern a chart fills with is defined in that chart's own SVG.
        for (Element svg : html.select("svg")) {
            for (Element filled : svg.select("[fill^=url(#]")) {
                String id = filled.attr("fill").replaceAll("url\\(#(.*)\\)", "$1");
                assertThat(svg.select("pattern[id=" + id + "]")).as("pattern %s in its chart", id).hasSize(1);
            }
        }
    }

    @Test
    void aBatchReadingItsSourcesOnceWritesTheSameReports() throws SQLException {
        List<String> single = new ArrayList<>();
        for (OrgRef org : builder.orgs(202602)) {
            single.add(RENDERER.html(builder.build(org, 202602)));
        }
        ReportBuilder batch = new ReportBuilder(catalogue);
        batch.prefetch(202602);
        List<String> batched = new ArrayList<>();
        for (OrgRef org : batch.orgs(202602)) {
            batched.add(RENDERER.html(batch.build(org, 202602)));
        }
        assertThat(batched).isEqualTo(single);
    }

    @Test
    void unknownOrgAndPeriodWithoutDataAreOneErrorWithAHint() {
        assertThatThrownBy(() -> builder.resolve(202602, "NOPE")).isInstanceOf(ReportInputException.class)
                .hasMessage("unknown org 'NOPE' for period 2026-02")
                .satisfies(e -> assertThat(((ReportInputException) e).hint()).contains("A, B", "U1"));
        assertThatThrownBy(() -> builder.resolve(203001, "TOTAL")).isInstanceOf(ReportInputException.class)
                .hasMessage("no data for period 2030-01 in the catalogue")
                .satisfies(e -> assertThat(((ReportInputException) e).hint()).startsWith("periods with data: 2024-01"));
    }
}
