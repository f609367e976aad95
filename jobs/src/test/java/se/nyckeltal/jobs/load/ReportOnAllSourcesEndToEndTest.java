package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.warehouse.report.OrgRef;
import se.nyckeltal.warehouse.report.ReportBuilder;
import se.nyckeltal.warehouse.report.ReportFigureCheck;
import se.nyckeltal.warehouse.report.ReportRenderer;

/**
 * The månadsrapport on a region that delivers every source — ledger with budget and two forecast versions,
 * production, HR time, indicators, action plans and comments — loaded from landing files, every figure of
 * every org's report checked against the catalogue, and the figures the new sources bring worked out by hand.
 *
 * <pre>
 * org: U1, U2 in area A; U3 in area B (LandingRun.orgUnits); parameters.csv: 1 800 h a year (450 h per quarter)
 * ledger, kr   ACTUAL  U1 2023-01..03 cost 9 000 000 and revenue 10 000 000 a month
 *                      U1 2024-01..03 cost 10 000 000 and revenue 10 500 000 a month; U3 2024-03 cost 2 500 000
 *              BUDGET  U1 2024-01..03 cost 9 500 000 and revenue 10 500 000 a month
 *              FORECAST made 2024-02: cost 125 000 000, revenue 126 000 000 (result +1 000 000)
 *                       made 2024-03: cost 130 000 000, revenue 126 000 000 (result −4 000 000)
 *   result ytd 2024-03 total 31 500 000 − 32 500 000 = −1 000 000; budget 31 500 000 − 28 500 000 = 3 000 000;
 *   a year earlier 30 000 000 − 27 000 000 = 3 000 000 → "-1 mnkr, 4 mnkr sämre än budget och 4 mnkr sämre
 *   än föregående år"; forecast at 2024-03 the one made in March: "Prognos från mars, -4 mnkr"
 * indicators   PC_PHONE_SAME_DAY (sum, target 2024 100 %): U1 80, 85, 90 of 100 and U2 30, 35, 40 of 50 in
 *              2023-01..03; U1 90, 70, 95 of 100 and U2 40, 45, 50 of 50 in 2024-01..03
 *                → total ytd 390 ÷ 450 = 86,7 %, a year earlier 360 ÷ 450 = 80,0 %, positive
 *              SPECIALIST_VISIT_90D (ytd = last): U1 50/100 and U3 10/20 in 2024-01, U1 60/100 in 2024-03
 *                → total ytd 60,0 % (March only); U3 ytd 50,0 % (its last month with data, January)
 * actions      ActionPlanEndToEndTest.ACTIONS: at the total 2024-03 Summa budget 290 000 planned, 50 000
 *              realised ytd; Summa utöver budget 18 000 and 10 000
 * hr 2024-03   E1 own nurse U1 8 + 8 h; E2 own doctor U1 8 h and U2 7,5 h; E3 agency doctor U2 10 h
 *   headcount ytd: total 3, area A 3, U1 2, U2 2 (E2 counted once at A and the total, once in each unit)
 *   fte ytd 41,5 ÷ 450; fte.NURSE 16 ÷ 450, fte.DOCTOR 25,5 ÷ 450: the professions sum to fte
 * comments     worth_noting with HTML (shown as text), the summary delivered twice (the later file wins), a
 *              comment on indicator.PC_PHONE_SAME_DAY (the indicator table's Kommentar column)
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class ReportOnAllSourcesEndToEndTest {
    private static final int PERIOD = 202403;

    @TempDir
    Path tmp;

    @Test
    void everyFigureOfEveryOrgsReportIsTheCataloguesAndTheNewSourcesShowAsWorkedOut() throws Exception {
        LandingRun run = landing();

        LoadRecord load = run.load();

        assertThat(load.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        try (Connection catalogue = run.catalogue()) {
            ReportBuilder builder = new ReportBuilder(catalogue);
            ReportRenderer renderer = new ReportRenderer();
            List<OrgRef> orgs = builder.orgs(PERIOD);
            assertThat(orgs).extracting(OrgRef::id).contains("TOTAL", "A", "B", "U1", "U2", "U3");
            int checked = 0;
            for (OrgRef org : orgs) {
                checked += ReportFigureCheck.everyFigureIsTheCataloguesValue(catalogue,
                        Jsoup.parse(renderer.html(builder.build(org, PERIOD))));
            }
            assertThat(checked).isGreaterThan(200);

            Document total = Jsoup.parse(renderer.html(builder.build(builder.resolve(PERIOD, "TOTAL"), PERIOD)));
            assertThat(total.select("#summary li").eachText()).contains(
                    "Resultat ackumulerat sista mars -1 mnkr, 4 mnkr sämre än budget och 4 mnkr sämre än föregående år.",
                    "Prognos från mars, -4 mnkr.");
            assertThat(figure(total, "#summary span[data-kpi=result][data-measure=forecast_full_year_value]"))
                    .isEqualByComparingTo("-4000000");

            Element phone = row(total, "#indicators", "Primärvård telefon");
            assertThat(phone.select("td").eachText()).containsExactly("Primärvård telefon", "80,0%", "100,0%", "86,7%",
                    "Positiv", "<b>Bättre</b> än i fjol");
            assertThat(row(total, "#indicators", "Specialistsjukvård besök").select("td").get(3).text()).isEqualTo("60,0%");
            Document u3 = Jsoup.parse(renderer.html(builder.build(builder.resolve(PERIOD, "U3"), PERIOD)));
            assertThat(row(u3, "#indicators", "Specialistsjukvård besök").select("td").get(3).text()).isEqualTo("50,0%");

            Element budget = row(total, "#action_plan", "Summa budget 2024");
            assertThat(budget.select("td[data-measure]").eachAttr("data-value")).containsExactly("290000", "50000");
            Element beyond = row(total, "#action_plan", "Summa utöver budget 2024");
            assertThat(beyond.select("td[data-measure]").eachAttr("data-value")).containsExactly("18000", "10000");

            assertThat(figure(total, "#worked_time td[data-kpi=headcount][data-measure=value]")).isEqualByComparingTo("3");
            // the region's 3 employees are groups of 10 or fewer: their årsarbetare per profession (nurse 16 h, doctors
            // 25,5 h) are starred with the footnote, never a number (docs/analysts.md, Sekretess)
            for (String profession : new String[] {"NURSE", "DOCTOR"}) {
                Element fte = total.selectFirst("#worked_time td[data-kpi=fte." + profession + "][data-measure=value]");
                assertThat(fte.text()).as(profession).isEqualTo("*");
                assertThat(fte.attr("data-value")).as(profession).isEmpty();
                assertThat(fte.attr("data-suppressed")).as(profession).isEqualTo("true");
            }
            assertThat(total.selectFirst("#worked_time p.footnote").text()).startsWith("* Redovisas inte");
            for (String[] unit : new String[][] {{"A", "3"}, {"U1", "2"}, {"U2", "2"}}) {
                Document report = Jsoup.parse(renderer.html(builder.build(builder.resolve(PERIOD, unit[0]), PERIOD)));
                assertThat(figure(report, "#worked_time td[data-kpi=headcount][data-measure=value]")).as(unit[0])
                        .isEqualByComparingTo(unit[1]);
            }

            // Comments are text: the HTML a controller typed is shown, never interpreted; the later delivery wins.
            Element worthNoting = total.select("#summary div.comment").stream()
                    .filter(d -> d.selectFirst("h3").text().equals("Värt att notera")).findFirst().orElseThrow();
            assertThat(worthNoting.select("p").eachText()).containsExactly("<b>Anställningsstopp</b>");
            assertThat(worthNoting.select("b")).isEmpty();
            assertThat(total.select("#summary div.comment p").eachText()).contains("Ny sammanfattning")
                    .doesNotContain("Första sammanfattningen");
        }
    }

    private LandingRun landing() throws Exception {
        Files.writeString(tmp.resolve("key"), "report test pseudonym key\n");
        LandingRun run = new LandingRun(tmp).orgUnits();
        run.write("reference/parameters.csv", "year;fte_norm_hours\n2023;1800\n2024;1800\n");
        StringBuilder ledger = new StringBuilder("period;cost_center;account;scenario;amount;forecast_made\n");
        for (int month = 1; month <= 3; month++) {
            ledger.append("20230").append(month).append(";U1;4010;ACTUAL;9000000;\n")
                    .append("20230").append(month).append(";U1;3010;ACTUAL;-10000000;\n")
                    .append("20240").append(month).append(";U1;4010;ACTUAL;10000000;\n")
                    .append("20240").append(month).append(";U1;3010;ACTUAL;-10500000;\n")
                    .append("20240").append(month).append(";U1;4010;BUDGET;9500000;\n")
                    .append("20240").append(month).append(";U1;3010;BUDGET;-10500000;\n");
        }
        ledger.append("202403;U3;4010;ACTUAL;2500000;\n");
        run.write("ledger/huvudbok.csv", ledger.toString());
        run.write("ledger/prognos-2024-02.csv", "period;cost_center;account;scenario;amount;prognosmånad\n"
                + "202412;U1;4010;PROGNOS;125000000;202402\n202412;U1;3010;PROGNOS;-126000000;202402\n");
        run.write("ledger/prognos-2024-03.csv", "period;cost_center;account;scenario;amount;prognosmånad\n"
                + "202412;U1;4010;PROGNOS;130000000;202403\n202412;U1;3010;PROGNOS;-126000000;202403\n");
        StringBuilder production = new StringBuilder("period;unit;contact_type;volume\n");
        for (int month = 1; month <= 3; month++) {
            production.append("20230").append(month).append(";U1;DOCTOR_VISIT;100\n")
                    .append("20240").append(month).append(";U1;DOCTOR_VISIT;110\n");
        }
        run.write("production/vard.csv", production.toString());
        run.write("hr/tid-2024-03.csv", "Datum;Anstnr;Kst;Personalkategori;Yrke;Kön;Födelseår;Tidtyp;Timmar\n"
                + "2024-03-04;E1;U1;egen;Sjuksköterska;K;1980;Arbetad;8\n"
                + "2024-03-05;E1;U1;egen;Sjuksköterska;K;1980;Arbetad;8\n"
                + "2024-03-04;E2;U1;egen;Läkare;M;1975;Arbetad;8\n"
                + "2024-03-05;E2;U2;egen;Läkare;M;1975;Arbetad;7,5\n"
                + "2024-03-06;E3;U2;inhyrd;Läkare;K;1970;Arbetad;10\n");
        run.write("hr/tid-2023-03.csv", "Datum;Anstnr;Kst;Personalkategori;Yrke;Kön;Födelseår;Tidtyp;Timmar\n"
                + "2023-03-06;E1;U1;egen;Sjuksköterska;K;1980;Arbetad;8\n");
        run.write("indicators/indikatorer.csv", "period;unit;indicator;numerator;denominator\n"
                + "202301;U1;PC_PHONE_SAME_DAY;80;100\n202301;U2;PC_PHONE_SAME_DAY;30;50\n"
                + "202302;U1;PC_PHONE_SAME_DAY;85;100\n202302;U2;PC_PHONE_SAME_DAY;35;50\n"
                + "202303;U1;PC_PHONE_SAME_DAY;90;100\n202303;U2;PC_PHONE_SAME_DAY;40;50\n"
                + "202401;U1;PC_PHONE_SAME_DAY;90;100\n202401;U2;PC_PHONE_SAME_DAY;40;50\n"
                + "202402;U1;PC_PHONE_SAME_DAY;70;100\n202402;U2;PC_PHONE_SAME_DAY;45;50\n"
                + "202403;U1;PC_PHONE_SAME_DAY;95;100\n202403;U2;PC_PHONE_SAME_DAY;50;50\n"
                + "202401;U1;SPECIALIST_VISIT_90D;50;100\n202401;U3;SPECIALIST_VISIT_90D;10;20\n"
                + "202403;U1;SPECIALIST_VISIT_90D;60;100\n");
        run.write("actions/atgarder-2024.csv", ActionPlanEndToEndTest.ACTIONS);
        run.write("comments/kommentarer-2024-03-a.csv", "period;org_id;topic;text\n"
                + "202403;TOTAL;summary;Första sammanfattningen\n"
                + "202403;TOTAL;worth_noting;<b>Anställningsstopp</b>\n"
                + "202403;TOTAL;indicator.PC_PHONE_SAME_DAY;<b>Bättre</b> än i fjol\n");
        run.write("comments/kommentarer-2024-03-b.csv", "period;org_id;topic;text\n"
                + "202403;TOTAL;summary;Ny sammanfattning\n");
        return run;
    }

    private static BigDecimal figure(Document html, String selector) {
        Element figure = html.selectFirst(selector);
        assertThat(figure).as(selector).isNotNull();
        return new BigDecimal(figure.attr("data-value"));
    }

    private static Element row(Document html, String section, String label) {
        return html.select(section + " tr").stream().filter(r -> !r.select("td").isEmpty()
                && r.select("td").get(0).text().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in " + section));
    }
}
