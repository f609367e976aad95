package se.nyckeltal.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's DuckDB floor on hand-counted files: rows read, rows at the fact grain, one folder per period. */
class DuckDbFloorTest {
    @TempDir
    Path dir;

    @Test
    void hrLinesOfOneGrainAreSummedPerFileAndWrittenByPeriod() throws IOException {
        // January: the two WORKED lines of employee 1 on the 2nd are one grain; SCHEDULED is another; the
        // 3rd is a third. February (Windows-1252, decimal comma, U+2212 would not be Latin-1): two grains.
        Path january = write("tid-2025-01.csv", StandardCharsets.UTF_8, """
                date;employee_id;cost_center;staff_category;profession;gender;birth_year;hour_type;hours
                2025-01-02;1;101001;OWN;NURSE;K;1980;WORKED;4.00
                2025-01-02;1;101001;OWN;NURSE;K;1980;WORKED;3.50
                2025-01-02;1;101001;OWN;NURSE;K;1980;SCHEDULED;8.00
                2025-01-03;1;101001;OWN;NURSE;K;1980;WORKED;8.00
                """);
        Path february = write("tid-2025-02.csv", Charset.forName("windows-1252"), """
                date;employee_id;cost_center;staff_category;profession;gender;birth_year;hour_type;hours
                2025-02-03;2;101002;OWN;UNDERSKÖTERSKA;M;1975;WORKED;7,5
                2025-02-03;2;101002;OWN;UNDERSKÖTERSKA;M;1975;SICK;0,5
                """);

        DuckDbFloor.FloorResult result = DuckDbFloor.run(DuckDbFloor.Extract.HR, List.of(january, february),
                dir.resolve("floor"));

        assertThat(result.extract()).isEqualTo("hr");
        assertThat(result.files()).isEqualTo(2);
        assertThat(result.rowsRead()).isEqualTo(6);
        assertThat(result.factRows()).isEqualTo(5);
        assertThat(dir.resolve("floor")).isDirectoryContaining(p -> p.getFileName().toString().equals("period=202501"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("period=202502"));
    }

    @Test
    void productionVolumesWithThousandsSeparatorsAreSummedPerMonth() throws IOException {
        // "1 302" with a no-break space (as Excel writes it, Windows-1252 0xA0), "2 730" with a narrow one, "−1"
        Path file = write("produktion-2022-01.csv", StandardCharsets.UTF_8, """
                date;unit;provider;contact_type;volume;scenario;counterpart
                2022-01-03;101001;OWN;DOCTOR_VISIT;1\u00a0302;ACTUAL;
                2022-01-04;101001;OWN;DOCTOR_VISIT;2\u202f730;ACTUAL;
                2022-01-05;101001;OWN;DOCTOR_VISIT;\u22121;ACTUAL;
                2022-01-05;101001;OWN;NURSE_VISIT;4;ACTUAL;
                """);

        DuckDbFloor.FloorResult result = DuckDbFloor.run(DuckDbFloor.Extract.PRODUCTION, List.of(file),
                dir.resolve("floor"));

        assertThat(result.rowsRead()).isEqualTo(4);
        assertThat(result.factRows()).as("one row per unit, provider, contact type, scenario in the month").isEqualTo(2);
    }

    @Test
    void noFilesIsNoWork() {
        assertThat(DuckDbFloor.run(DuckDbFloor.Extract.PRODUCTION, List.of(), dir.resolve("floor")))
                .isEqualTo(new DuckDbFloor.FloorResult("production", 0, 0, 0, 0));
    }

    private Path write(String name, Charset charset, String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(charset));
    }
}
