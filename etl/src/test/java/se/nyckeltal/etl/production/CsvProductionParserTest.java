package se.nyckeltal.etl.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.schemas.contract.ProductionContract;
import se.nyckeltal.schemas.text.CsvLineSplitter;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher;

/** One production row at a time, without Spark: what loads, and why a row is quarantined. */
class CsvProductionParserTest {
    private static ExtractLine parse(String header, String line) {
        CsvProductionParser parser = new CsvProductionParser(
                HeaderMatcher.match(CsvLineSplitter.split(header, ';'), ProductionContract.COLUMNS));
        return parser.parse(2, line, CsvLineSplitter.split(line, ';'));
    }

    @Test
    void monthlyRowWithDefaultsLoadsAsOwnActual() {
        ExtractLine line = parse("period;unit;contact_type;volume", "202403;1050;doctor_visit;1 234");

        assertThat(line.kind()).isEqualTo(ExtractLine.Kind.VALID);
        assertThat(line.period()).isEqualTo(202403);
        assertThat(line.scenario()).isEqualTo("ACTUAL");
        assertThat(line.measure()).isEqualByComparingTo("1234");
        assertThat(line.values()).containsExactly("1050", "OWN", "DOCTOR_VISIT", null);
    }

    @Test
    void swedishHeaderDailyDateAndProviderAlias() {
        ExtractLine line = parse("Datum;Enhet;Vårdgivartyp;Kontakttyp;Antal;Typ",
                "2024-03-17;6020;Privat vårdcentral;VACCINATION;12;BUDGET");

        assertThat(line.period()).isEqualTo(202403);
        assertThat(line.scenario()).isEqualTo("BUDGET");
        assertThat(line.values()).containsExactly("6020", "PRIVATE_PRIMARY_CARE", "VACCINATION", null);
    }

    @Test
    void drgPointsKeepFourDecimals() {
        ExtractLine line = parse("period;unit;contact_type;volume", "2024-03;1050;DRG_POINTS;12,3456");

        assertThat(line.measure()).isEqualTo(new BigDecimal("12.3456"));
    }

    @Test
    void unknownContactTypeLoadsAsDelivered() {
        // Kept and reported under UNMAPPED by the catalogue; not a reason to quarantine.
        assertThat(parse("period;unit;contact_type;volume", "202403;1050;Gruppbesök;3").values())
                .containsExactly("1050", "OWN", "GRUPPBESÖK", null);
    }

    @Test
    void negativeVolumeIsQuarantinedButCountsInTheFileTotal() {
        ExtractLine line = parse("period;unit;contact_type;volume", "202403;1050;DOCTOR_VISIT;−5");

        assertThat(line.kind()).isEqualTo(ExtractLine.Kind.REJECTED);
        assertThat(line.reason()).contains("volume '−5' is negative", "deliver the whole month again");
        assertThat(line.measure()).isEqualByComparingTo("-5");
    }

    @Test
    void everyProblemOfALineIsInOneReason() {
        ExtractLine line = parse("period;unit;provider;contact_type;volume;scenario",
                "202413;;kommunal;;1,23456;UTFALL");

        assertThat(line.kind()).isEqualTo(ExtractLine.Kind.REJECTED);
        assertThat(line.reason()).contains("period '202413' is not a period", "unit is empty",
                "unknown provider 'kommunal'", "contact_type is empty", "has 5 decimals");
        assertThat(line.rawLine()).isEqualTo("202413;;kommunal;;1,23456;UTFALL");
    }

    @Test
    void unparseableVolumeHasNoMeasure() {
        ExtractLine line = parse("period;unit;contact_type;volume", "202403;1050;DOCTOR_VISIT;tolv");

        assertThat(line.reason()).contains("volume 'tolv' is not a number");
        assertThat(line.measure()).isNull();
    }

    @Test
    void periodAndDateMustAgree() {
        String header = "period;date;unit;contact_type;volume";
        assertThat(parse(header, "202403;2024-03-05;1050;DOCTOR_VISIT;1").period()).isEqualTo(202403);
        assertThat(parse(header, ";2024-04-05;1050;DOCTOR_VISIT;1").period()).isEqualTo(202404);
        assertThat(parse(header, "202403;2024-04-05;1050;DOCTOR_VISIT;1").reason())
                .contains("period 202403 and date 2024-04-05 are different months");
        assertThat(parse(header, ";;1050;DOCTOR_VISIT;1").reason()).contains("period and date are both empty");
    }

    @Test
    void aHeaderWithoutPeriodOrDateIsRefused() {
        assertThatThrownBy(() -> new CsvProductionParser(HeaderMatcher.match(
                List.of("unit", "contact_type", "volume"), ProductionContract.COLUMNS)))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("neither a period (månad) nor a date (datum) column");
    }
}
