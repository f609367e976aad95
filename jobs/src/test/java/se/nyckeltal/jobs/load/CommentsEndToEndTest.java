package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nyckeltal.jobs.load.LandingRun.rows;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * Comments (analys och kommentarer) from landing CSVs to meta.comments: text across lines, HTML kept as
 * text, Windows-1252 detected, a comment redelivered (the later delivery wins, the earlier stays in the
 * history), a malformed record quarantined with its line.
 */
@ExtendWith(SharedSpark.class)
class CommentsEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void latestDeliveryOfAPeriodOrgAndTopicWinsAndEarlierOnesStayInTheHistory() throws Exception {
        LandingRun run = new LandingRun(tmp).orgUnits();
        run.write("ledger/huvudbok-2024-03.csv", "period;cost_center;account;amount\n202403;U1;4010;1000\n");
        run.write("comments/kommentarer-2024-03.csv", "period;org_id;topic;text\n"
                + "202403;TOTAL;summary;\"Produktion i nivå med föregående år.\n"
                + "Läkarbesök −0,1 %; besök \"\"övriga\"\" +2,6 %.\"\n"
                + "202403;TOTAL;worth_noting;<b>Anställningsstopp</b>\n"
                + "202403;A;indicator.BUP_VISIT_30D;Högt inflöde ger lägre tillgänglighet\n"
                + "2024-13;A;summary;fel period\n"
                + "202403;U1;after_period;Varsel Kommunal\n");

        LoadRecord first = run.load();

        assertThat(first.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        FileOutcome comments = first.files().stream().filter(f -> f.source().equals("comments")).findFirst().orElseThrow();
        assertThat(comments.rowsRead()).isEqualTo(5);
        assertThat(comments.rowsQuarantined()).isEqualTo(1);
        assertThat(comments.reconciled()).isTrue();
        try (Connection catalogue = run.catalogue()) {
            assertThat(rows(catalogue, "SELECT period, org_id, topic, text FROM meta.comments ORDER BY org_id, topic"))
                    .containsExactly(
                            "202403|A|indicator.BUP_VISIT_30D|Högt inflöde ger lägre tillgänglighet",
                            "202403|TOTAL|summary|Produktion i nivå med föregående år.\n"
                                    + "Läkarbesök −0,1 %; besök \"övriga\" +2,6 %.",
                            "202403|TOTAL|worth_noting|<b>Anställningsstopp</b>",
                            "202403|U1|after_period|Varsel Kommunal");
            assertThat(rows(catalogue, "SELECT line_number, reason FROM meta.quarantine WHERE source = 'comments'"))
                    .singleElement().asString().startsWith("6|period ").contains("2024-13");
        }

        // Redelivered in Windows-1252: the summary replaced, the other comments of the month stay.
        run.write("comments/kommentarer-2024-03-v2.csv", "Period;Org_id;Ämne;Kommentar\r\n"
                + "202403;TOTAL;summary;Ny sammanfattning: lägre sjukfrånvaro 8,1 % (8,2 %)\r\n",
                Charset.forName("windows-1252"));
        LoadRecord second = run.load();

        assertThat(second.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        try (Connection catalogue = run.catalogue()) {
            assertThat(rows(catalogue, "SELECT topic, text FROM meta.comments WHERE org_id = 'TOTAL' ORDER BY topic"))
                    .containsExactly("summary|Ny sammanfattning: lägre sjukfrånvaro 8,1 % (8,2 %)",
                            "worth_noting|<b>Anställningsstopp</b>");
            assertThat(rows(catalogue, "SELECT source_file FROM meta.comment_history WHERE org_id = 'TOTAL'"
                    + " AND topic = 'summary' ORDER BY delivery"))
                    .containsExactly("comments/kommentarer-2024-03.csv", "comments/kommentarer-2024-03-v2.csv");
        }
    }
}
