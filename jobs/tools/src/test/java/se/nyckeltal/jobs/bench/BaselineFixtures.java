package se.nyckeltal.jobs.bench;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Small ledger deliveries in the export styles SPEC §3 allows, with their quirks and their mistakes,
 * for the DuckDB baseline's tests. Each file's expected facts are worked out where it is written.
 */
final class BaselineFixtures {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private BaselineFixtures() {}

    /**
     * UTF-8, semicolons, English header, LF. Lines 5 and 9 are blank; line 7 has no readable amount
     * and line 8 no period (its 100,00 counts in the file total).
     *
     * <pre>
     * 202501 ACTUAL 1010 4010 SOMATIK     1 234,50 + 1.000,25 = 2 234,75
     * 202501 ACTUAL 1010 4110              -250.75
     * 202501 ACTUAL 1020 3010 counterpart R1, scenario empty: −12 000,00 (U+2212)
     * 202501 ACTUAL 1020 5010             "1 000,00" (quoted)            loaded: −9 016,00
     * </pre>
     */
    static Path january(Path dir) throws IOException {
        return write(dir.resolve("huvudbok-2025-01.csv"), StandardCharsets.UTF_8, "\n",
                "period;cost_center;account;activity;counterpart;scenario;amount",
                "202501;1010;4010;SOMATIK;;ACTUAL;1 234,50",
                "202501;1010;4010;SOMATIK;;ACTUAL;1.000,25",
                "202501;1010;4110;;;ACTUAL;-250.75",
                ";;;;;;",
                "202501;1020;3010;;R1;;\u221212 000,00",
                "202501;1020;4010;SOMATIK;;ACTUAL;12 34,5",
                "2025-13;1020;4010;SOMATIK;;ACTUAL;100,00",
                "",
                "202501;1020;5010;;;ACTUAL;\"1 000,00\"");
    }

    /**
     * Windows-1252 with bytes only Windows-1252 has (€ 0x80, – 0x96), Swedish header, CRLF, YYYY-MM,
     * UTFALL, space thousands: 202502 ACTUAL 1010 4010 "Kök – €" 2 500,00 and 1030 4010 "Öppenvård" 750,00.
     */
    static Path februaryWindows1252(Path dir) throws IOException {
        return write(dir.resolve("huvudbok-2025-02.csv"), WINDOWS_1252, "\r\n",
                "Period;Kostnadsställe;Konto;Verksamhet;Motpart;Typ;Belopp",
                "2025-02;1010;4010;Kök – €;;UTFALL;2 500,00",
                "2025-02;1030;4010;Öppenvård;;utfall;750");
    }

    /**
     * Windows-1252 with åäö only (ISO-8859-1 would read it the same), aliases Kst and Typ, no
     * counterpart column: BUDGET 202501 1010 4010 "Sjukvård" 2 000,00 and 202502 the same 2 100,00.
     */
    static Path budget(Path dir) throws IOException {
        return write(dir.resolve("budget-2025.csv"), WINDOWS_1252, "\r\n",
                "Period;Kst;Konto;Verksamhet;Typ;Belopp",
                "202501;1010;4010;Sjukvård;BUDGET;2 000,00",
                "202502;1010;4010;Sjukvård;BUDGET;2 100,00");
    }

    /**
     * UTF-8 with byte-order mark, tabs, periods as dates, U+2212 minus, PROGNOS:
     * FORECAST 202503 1010 4010 −300,00 and 1010 4110 1 200,50.
     */
    static Path forecastTabs(Path dir) throws IOException {
        return write(dir.resolve("prognos-2025.csv"), StandardCharsets.UTF_8, "\n",
                "\uFEFFperiod\tcost_center\taccount\tactivity\tcounterpart\tscenario\tamount",
                "2025-03-31\t1010\t4010\t\t\tPROGNOS\t\u2212300,00",
                "2025-03-31\t1010\t4110\t\t\tPROGNOS\t1 200,50");
    }

    /** ACTUAL 202503, first delivery: 1010 4010 500,00 and 1020 4010 300,00. */
    static Path march(Path dir) throws IOException {
        return write(dir.resolve("huvudbok-2025-03.csv"), StandardCharsets.UTF_8, "\n",
                "period;cost_center;account;amount",
                "202503;1010;4010;500,00",
                "202503;1020;4010;300,00");
    }

    /**
     * ACTUAL 202503 again, delivered later (file-name order): commas, quoted decimal-comma amounts,
     * CRLF. It replaces the whole partition: 1010 4010 550,00 only.
     */
    static Path marchRestated(Path dir) throws IOException {
        return write(dir.resolve("rattelse-2025-03.csv"), StandardCharsets.UTF_8, "\r\n",
                "period,cost_center,account,amount",
                "202503,1010,4010,\"550,00\"");
    }

    /**
     * Every way a line can go wrong, among good lines (ACTUAL 202504), for the comparison with the
     * Spark path: it must quarantine the same lines for the same reasons.
     */
    static Path awkward(Path dir) throws IOException {
        return write(dir.resolve("huvudbok-2025-04.csv"), StandardCharsets.UTF_8, "\n",
                "Period ; Cost center ;ACCOUNT;Activity;Counterpart;Scenario;Amount",
                "202504;1010;4010;;;;100,00",
                " 202504 ; 1010 ;\t4020 ;\u00A0SOMATIK ; ;actual; 1\u00A0000,00\u00A0",
                "\"202504\";\"1010\";\"4030\";\" Psyk \";\"R;2\";\"Utfall\";\" -2,50 \"",
                "202504;1010;4040;\"a \"\"quoted\"\" activity\";;;0,05",
                "202504;1010;4050;;;;+7",
                "202504;1010;4060;;;;1,505",
                "202504;1010;4070;;;;12345678901234567,00",
                "202504;;4080;;;;1,00",
                "202504;1010;;;;;1,00",
                "202504;1010;4090;;;plan;1,00",
                "2025-04-31;;;;;plan;x",
                "202504;1010;4100;;;;",
                "202504;1010;4110;;;",
                "202504;1010;4120;;;;1;2",
                "202504;1010;4130;\"open;;;1,00",
                "202504;1010;4140;\"a\"b;;;1,00",
                "202504;1010;4150;;;;1.234.567",
                "202504;1010;4160;;;;1 234.567,8",
                "189912;1010;4170;;;;1,00",
                "\"\";\"\";\"\";;;;",
                "   ",
                "202504;1010;4010;;;ACTUAL;99 999,99");
    }

    /** A UTF-8 file whose line 3 is Windows-1252 ("Kör" with ö as 0xF6): that line is quarantined. */
    static Path notUtf8Line(Path dir) throws IOException {
        Path file = dir.resolve("huvudbok-2025-05.csv");
        Files.createDirectories(dir);
        byte[] good = String.join("\n", "period;cost_center;account;activity;amount", "202505;1010;4010;Kök;10,00", "")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = "202505;1010;4010;Kör;20,00\n".getBytes(WINDOWS_1252);
        byte[] after = "202505;1010;4020;Kök;30,00\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, concat(good, bad, after));
        return file;
    }

    /** Classic Mac line ends (CR only): ACTUAL 202506 1010 4010 5,00 and 1010 4020 6,00. */
    static Path carriageReturns(Path dir) throws IOException {
        return write(dir.resolve("huvudbok-2025-06.csv"), StandardCharsets.UTF_8, "\r",
                "period;cost_center;account;amount",
                "202506;1010;4010;5,00",
                "202506;1010;4020;6,00");
    }

    /** Every fixture above, in file-name order as the load job would deliver them. */
    static List<Path> all(Path dir) throws IOException {
        return Stream.of(january(dir), februaryWindows1252(dir), budget(dir), forecastTabs(dir), march(dir),
                marchRestated(dir), awkward(dir), notUtf8Line(dir), carriageReturns(dir))
                .sorted().toList();
    }

    static Path write(Path file, Charset charset, String newline, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, (String.join(newline, lines) + newline).getBytes(charset));
        return file;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
