package se.nyckeltal.jobs.load;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * A small landing zone whose KPIs are worked out by hand in {@link LedgerEndToEndTest}.
 *
 * <p>Org structure (landing/reference/org_units.csv): U1 in area A; U2 in area A until 2024-12-31,
 * in area B from 2025-01-01 (a unit that moved); U3 in area B. Cost centre X9 is unknown (UNMAPPED).
 * Accounts: the default mapping — 3010 patient fees (revenue), 3210 regional allocation (revenue,
 * internal_allocation), 4010 salaries (personnel), 4710 agency staff (personnel + agency), 5510
 * material (cost).
 *
 * <pre>
 * ACTUAL      U1: 3010   4010  5510 | U2: 3210   4010  4710 | U3: 4010 | X9: 5510
 * 2024-01        -1000    600   100 |    -2000    800    50 |     300  |
 * 2024-02        -1000    600   100 |    -2000    800    50 |     300  |
 * 2025-01        -1100    650   120 |    -2100    900    40 |     330  |      10
 * 2025-02        -1200    700       |    -2200    950       |     350  |
 * BUDGET 2025-01 and 2025-02 each: U1 3010 -1050, U1 4010 640, U2 4010 880
 * </pre>
 * Each file uses different export quirks, so the whole parsing path is on the way.
 */
public final class LedgerLandingFixtures {
    private LedgerLandingFixtures() {}

    public static void write(Path landing) throws IOException {
        write(landing.resolve("reference/org_units.csv"), StandardCharsets.UTF_8, String.join("\n",
                "unit_id;unit_name;area_id;area_name;valid_from;valid_to",
                "U1;Enhet Ett;A;Område A;2020-01-01;",
                "U2;Enhet Två;A;Område A;2020-01-01;2024-12-31",
                "U2;Enhet Två;B;Område B;2025-01-01;",
                "U3;Enhet Tre;B;Område B;2020-01-01;",
                ""));
        ReferenceFixtures.writeShipped(landing, ReferenceData.ACCOUNTS); // the account lines below are the default plan's
        // 2024: Windows-1252, Swedish header, CRLF, YYYY-MM, space thousands, UTFALL.
        write(landing.resolve("ledger/huvudbok-2024-01.csv"), Charset.forName("windows-1252"), String.join("\r\n",
                "Period;Kostnadsställe;Konto;Verksamhet;Motpart;Typ;Belopp",
                "2024-01;U1;3010;Somatik;;UTFALL;-1 000,00",
                "2024-01;U1;4010;Somatik;;UTFALL;600,00",
                "2024-01;U1;5510;Somatik;;UTFALL;100",
                "2024-01;U2;3210;Somatik;REGION;UTFALL;-2 000,00",
                "2024-01;U2;4010;Somatik;;UTFALL;800,00",
                "2024-01;U2;4710;Somatik;;UTFALL;50,00",
                "2024-01;U3;4010;Öron;;UTFALL;300,00",
                ""));
        // 2024-02: UTF-8 with BOM, tab-separated, period as a date, U+2212 minus.
        write(landing.resolve("ledger/huvudbok-2024-02.csv"), StandardCharsets.UTF_8, "\uFEFF" + String.join("\n",
                "period\tcost_center\taccount\tactivity\tcounterpart\tscenario\tamount",
                "2024-02-29\tU1\t3010\t\t\tACTUAL\t\u22121000,00",
                "2024-02-29\tU1\t4010\t\t\tACTUAL\t600,00",
                "2024-02-29\tU1\t5510\t\t\tACTUAL\t100,00",
                "2024-02-29\tU2\t3210\t\tREGION\tACTUAL\t\u22122 000,00",
                "2024-02-29\tU2\t4010\t\t\tACTUAL\t800",
                "2024-02-29\tU2\t4710\t\t\tACTUAL\t50,00",
                "2024-02-29\tU3\t4010\t\t\tACTUAL\t300,00",
                ""));
        // 2025-01: comma-separated, quoted decimal-comma amounts, no scenario column (ACTUAL by default).
        write(landing.resolve("ledger/huvudbok-2025-01.csv"), StandardCharsets.UTF_8, String.join("\r\n",
                "period,cost_center,account,amount",
                "202501,U1,3010,\"-1 100,00\"",
                "202501,U1,4010,\"650,00\"",
                "202501,U1,5510,\"120,00\"",
                "202501,U2,3210,\"-2 100,00\"",
                "202501,U2,4010,\"900,00\"",
                "202501,U2,4710,\"40,00\"",
                "202501,U3,4010,\"330,00\"",
                "202501,X9,5510,\"10,00\"",
                ""));
        write(landing.resolve("ledger/huvudbok-2025-02.csv"), StandardCharsets.UTF_8, String.join("\n",
                "period;kst;konto;belopp",
                "202502;U1;3010;-1200.00",
                "202502;U1;4010;700.00",
                "202502;U2;3210;-2200.00",
                "202502;U2;4010;950.00",
                "202502;U3;4010;350.00",
                ""));
        write(landing.resolve("ledger/budget-2025.csv"), StandardCharsets.UTF_8, String.join("\n",
                "period;cost_center;account;scenario;amount",
                "202501;U1;3010;BUDGET;-1050,00",
                "202501;U1;4010;BUDGET;640,00",
                "202501;U2;4010;BUDGET;880,00",
                "202502;U1;3010;BUDGET;-1050,00",
                "202502;U1;4010;BUDGET;640,00",
                "202502;U2;4010;BUDGET;880,00",
                ""));
    }

    public static void write(Path file, Charset charset, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(charset));
    }
}
