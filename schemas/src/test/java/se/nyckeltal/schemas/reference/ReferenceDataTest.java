package se.nyckeltal.schemas.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.text.ExtractFormatException;

/** SPEC §3 reference data: shipped defaults, wholesale override per file, same CSV rules as extracts. */
class ReferenceDataTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path overrides;

    // --- defaults ----------------------------------------------------------------------------

    @Test
    void defaultsHoldFortyFiveOrgUnitVersions() {
        // 39 units of the administration, one of which (2110, HMC) has two versions, and five private
        // care-choice units (Hälsoval: three vårdcentraler, a BVC and a BMM).
        ReferenceData reference = ReferenceData.defaults();

        assertThat(reference.orgUnits()).hasSize(45);
        assertThat(reference.orgUnits().stream().map(OrgUnitVersion::unitId).distinct()).hasSize(44);
        assertThat(reference.orgUnits().stream().filter(u -> u.ownership() == Ownership.PUBLIC)
                .map(OrgUnitVersion::unitId)).containsExactly("2010", "2020", "2030", "2040", "2050");
        assertThat(reference.orgUnits().stream().filter(u -> u.ownership() == Ownership.PRIVATE)
                .map(OrgUnitVersion::unitType)).containsExactly("VC", "VC", "VC", "BVC", "BMM");
    }

    @Test
    void unit2110BelongsToNaraVardUntilTheEndOf2025() {
        OrgUnitVersion hmc = ReferenceData.defaults().unitOn("2110", LocalDate.of(2025, 12, 31)).orElseThrow();

        assertThat(hmc.areaId()).isEqualTo("NARA");
        assertThat(hmc.areaName()).isEqualTo("Nära vård");
        assertThat(hmc.unitName()).isEqualTo("Hjälpmedelscentrum (HMC)");
    }

    @Test
    void unit2110MovesToMedicinskDiagnostikOnNewYear2026() {
        ReferenceData reference = ReferenceData.defaults();

        assertThat(reference.unitOn("2110", LocalDate.of(2026, 1, 1))).map(OrgUnitVersion::areaId).contains("DIAG");
        assertThat(reference.unitOn("2110", LocalDate.of(2030, 6, 15))).map(OrgUnitVersion::areaId).contains("DIAG");
    }

    @Test
    void unitHasNoVersionBeforeItsFirstValidFrom() {
        assertThat(ReferenceData.defaults().unitOn("1010", LocalDate.of(2019, 12, 31))).isEmpty();
    }

    @Test
    void unknownUnitHasNoVersion() {
        assertThat(ReferenceData.defaults().unitOn("9999", LocalDate.of(2024, 3, 1))).isEmpty();
    }

    @Test
    void defaultContactTypesCoverEveryCodeTheKpisRelyOn() {
        assertThat(ReferenceData.defaults().contactTypes()).extracting(ContactType::code).contains(
                "DOCTOR_VISIT", "DOCTOR_VISIT_REMOTE", "OTHER_VISIT", "OTHER_VISIT_REMOTE", "DAY_CARE", "VACCINATION",
                "DISCHARGE_SOMATIC", "BED_DAYS_SOMATIC", "BED_DAYS_PSYCHIATRIC", "OCCUPIED_BEDS_0600", "AVAILABLE_BEDS",
                "OPERATION_INPATIENT", "OPERATION_DAY_SURGERY", "OPERATION_CLINIC", "KNIFE_TIME_HOURS", "DRG_POINTS");
    }

    @Test
    void defaultContactTypeWeightsAreReadWithDecimalComma() {
        ReferenceData reference = ReferenceData.defaults();

        assertThat(weight(reference, "DOCTOR_VISIT_REMOTE")).isEqualTo(new BigDecimal("0.6"));
        assertThat(weight(reference, "OPERATION_INPATIENT")).isEqualTo(new BigDecimal("8.0"));
        assertThat(weight(reference, "DRG_POINTS")).isNull(); // not part of weighted care services
    }

    @Test
    void defaultKpiTargetsAreRead() {
        assertThat(ReferenceData.defaults().kpiTargets())
                .contains(new KpiTarget("gross_cost_development_pct", 2025, new BigDecimal("3.5")));
    }

    // --- accounts ----------------------------------------------------------------------------

    @Test
    void account4720IsAgencyStaffWithinPersonnelCost() {
        AccountLine line = ReferenceData.defaults().lineFor("4720").orElseThrow();

        assertThat(line.accountFrom()).isEqualTo(4700);
        assertThat(line.accountTo()).isEqualTo(4799);
        assertThat(line.lineId()).isEqualTo("K10");
        assertThat(line.kind()).isEqualTo(LineKind.COST);
        assertThat(line.flags()).containsExactlyInAnyOrder(AccountFlag.PERSONNEL, AccountFlag.AGENCY);
    }

    @Test
    void account4110IsOvertimeWithinPersonnelCost() {
        assertThat(ReferenceData.defaults().lineFor("4110").orElseThrow().flags())
                .containsExactlyInAnyOrder(AccountFlag.PERSONNEL, AccountFlag.OVERTIME);
    }

    @Test
    void regionalAllocationIsFlaggedInternal() {
        AccountLine line = ReferenceData.defaults().lineFor("3250").orElseThrow();

        assertThat(line.kind()).isEqualTo(LineKind.REVENUE);
        assertThat(line.has(AccountFlag.INTERNAL_ALLOCATION)).isTrue();
    }

    @Test
    void rangeBoundsAreInclusive() {
        ReferenceData reference = ReferenceData.defaults();

        assertThat(reference.lineFor("4700")).map(AccountLine::accountFrom).contains(4700L);
        assertThat(reference.lineFor("4799")).map(AccountLine::accountFrom).contains(4700L);
        assertThat(reference.lineFor("4800")).map(AccountLine::accountFrom).contains(4800L);
    }

    @Test
    void accountWithSurroundingBlanksIsFound() {
        assertThat(ReferenceData.defaults().lineFor(" 4720 ")).map(AccountLine::accountFrom).contains(4700L);
    }

    @Test
    void nonNumericAccountHasNoLine() {
        ReferenceData reference = ReferenceData.defaults();

        assertThat(reference.lineFor("47A0")).isEmpty();
        assertThat(reference.lineFor("")).isEmpty();
        assertThat(reference.lineFor("4720.5")).isEmpty();
    }

    @Test
    void accountOutsideEveryRangeHasNoLine() {
        assertThat(ReferenceData.defaults().lineFor("9999")).isEmpty();
        assertThat(ReferenceData.defaults().lineFor("2999")).isEmpty();
    }

    @Test
    void narrowestRangeWinsOverAWiderOverlappingOne() throws IOException {
        write(ReferenceData.ACCOUNTS, """
                account_from;account_to;line_id;line_name;kind;flags
                4000;4999;K10;Personalkostnader;COST;personnel
                4700;4799;K11;Inhyrd personal;COST;"personnel,agency"
                """);

        ReferenceData reference = ReferenceData.load(overrides);

        assertThat(reference.lineFor("4720")).map(AccountLine::lineId).contains("K11");
        assertThat(reference.lineFor("4800")).map(AccountLine::lineId).contains("K10");
    }

    @Test
    void equallyWideRangesTieToTheEarlierRow() throws IOException {
        // 4700–4799 and 4750–4849 are both 100 accounts wide and both hold 4760.
        write(ReferenceData.ACCOUNTS, """
                account_from;account_to;line_id;line_name;kind;flags
                4750;4849;B;Later in numbers, earlier in file;COST;
                4700;4799;A;Earlier in numbers, later in file;COST;
                """);

        assertThat(ReferenceData.load(overrides).lineFor("4760")).map(AccountLine::lineId).contains("B");
    }

    @Test
    void accountLinesRememberTheirRowOrder() {
        assertThat(ReferenceData.defaults().accounts()).extracting(AccountLine::ordinal)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    }

    // --- overrides ---------------------------------------------------------------------------

    @Test
    void overrideFileReplacesItsDefaultWholesaleAndTheOthersStayDefault() throws IOException {
        write(ReferenceData.ORG_UNITS, """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to
                7010;Tandvård Norr;TAND;Folktandvården;2024-01-01;
                """);

        ReferenceData reference = ReferenceData.load(overrides);

        assertThat(reference.orgUnits()).extracting(OrgUnitVersion::unitId).containsExactly("7010");
        assertThat(reference.unitOn("1010", LocalDate.of(2024, 3, 1))).isEmpty(); // the default row is gone
        assertThat(reference.accounts()).isEqualTo(ReferenceData.defaults().accounts());
        assertThat(reference.contactTypes()).isEqualTo(ReferenceData.defaults().contactTypes());
        assertThat(reference.parameters()).isEqualTo(ReferenceData.defaults().parameters());
        assertThat(reference.kpiTargets()).isEqualTo(ReferenceData.defaults().kpiTargets());
        assertThat(ReferenceData.overridden(overrides)).containsExactly(ReferenceData.ORG_UNITS);
    }

    @Test
    void noOverrideFolderMeansDefaults() {
        assertThat(ReferenceData.load(null)).isEqualTo(ReferenceData.defaults());
        assertThat(ReferenceData.load(overrides)).isEqualTo(ReferenceData.defaults()); // empty folder
        assertThat(ReferenceData.overridden(null)).isEmpty();
        assertThat(ReferenceData.overridden(overrides)).isEmpty();
    }

    @Test
    void windows1252OverrideWithDecimalCommasLoads() throws IOException {
        Files.write(overrides.resolve(ReferenceData.CONTACT_TYPES), """
                Contact_Type;Name;Category;Weight\r
                doctor_visit;Läkarbesök;VISIT;1,25\r
                BED_DAYS_SOMATIC;Vårddagar - somatik;INPATIENT;\r
                """.getBytes(WINDOWS_1252));
        Files.write(overrides.resolve(ReferenceData.PARAMETERS), "year;fte_norm_hours\r\n2024;1 700,5\r\n".getBytes(WINDOWS_1252));

        ReferenceData reference = ReferenceData.load(overrides);

        assertThat(reference.contactTypes()).containsExactly(
                new ContactType("DOCTOR_VISIT", "Läkarbesök", "VISIT", new BigDecimal("1.25")),
                new ContactType("BED_DAYS_SOMATIC", "Vårddagar - somatik", "INPATIENT", null));
        assertThat(reference.fteNormHours(2024)).isEqualTo(new BigDecimal("1700.5"));
    }

    @Test
    void tabSeparatedOverrideLoads() throws IOException {
        write(ReferenceData.KPI_TARGETS, "kpi_id\tyear\ttarget\nresult\t2024\t−5 000\n");

        assertThat(ReferenceData.load(overrides).kpiTargets())
                .containsExactly(new KpiTarget("result", 2024, new BigDecimal("-5000")));
    }

    @Test
    void theCanonicalHashIsTheSameForTheSameDataHoweverDeliveredAndChangesWithIt() throws IOException {
        String defaults = ReferenceData.defaults().canonicalSha256();
        assertThat(defaults).hasSize(64).isEqualTo(ReferenceData.load(overrides).canonicalSha256());
        // the canonical files, delivered back, are the same reference data
        Path canonical = overrides.resolve("canonical");
        ReferenceData.defaults().writeCanonical(canonical);
        assertThat(ReferenceData.load(canonical).canonicalSha256()).isEqualTo(defaults);
        write(ReferenceData.PARAMETERS, "year;fte_norm_hours\n2024;1700\n");
        assertThat(ReferenceData.load(overrides).canonicalSha256()).isNotEqualTo(defaults);
    }

    // --- parameters --------------------------------------------------------------------------

    @Test
    void fteNormComesFromParameters() throws IOException {
        write(ReferenceData.PARAMETERS, "year;fte_norm_hours\n2024;1700\n");

        assertThat(ReferenceData.load(overrides).fteNormHours(2024)).isEqualTo(new BigDecimal("1700"));
    }

    @Test
    void fteNormFallsBackTo1725HoursForAYearWithoutARow() throws IOException {
        write(ReferenceData.PARAMETERS, "year;fte_norm_hours\n2024;1700\n");

        assertThat(ReferenceData.load(overrides).fteNormHours(2025)).isEqualTo(new BigDecimal("1725"));
        assertThat(ReferenceData.defaults().fteNormHours(2019)).isEqualTo(new BigDecimal("1725"));
        assertThat(ReferenceData.DEFAULT_FTE_NORM_HOURS).isEqualTo(new BigDecimal("1725"));
    }

    // --- errors name file and line -----------------------------------------------------------

    @Test
    void badDateNamesFileAndLine() throws IOException {
        write(ReferenceData.ORG_UNITS, """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to
                1010;Akutmottagning;AKUT;Akutsjukvård;2020-01-01;
                1020;Ambulanssjukvård;AKUT;Akutsjukvård;2024-02-30;
                """);

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("org_units.csv line 3: ")
                .hasMessageContaining("'2024-02-30' is not a date");
    }

    @Test
    void validToBeforeValidFromNamesFileAndLine() throws IOException {
        write(ReferenceData.ORG_UNITS, """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to
                1010;Akutmottagning;AKUT;Akutsjukvård;2024-01-01;2023-12-31
                """);

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("org_units.csv line 2: ")
                .hasMessageContaining("valid_to 2023-12-31 is before valid_from 2024-01-01");
    }

    @Test
    void overlappingVersionsOfOneUnitNameFileAndLine() throws IOException {
        write(ReferenceData.ORG_UNITS, """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to
                2110;HMC;NARA;Nära vård;2020-01-01;2025-12-31
                1010;Akutmottagning;AKUT;Akutsjukvård;2020-01-01;
                2110;HMC;DIAG;Medicinsk diagnostik;2025-06-01;
                """);

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("org_units.csv line 4: ")
                .hasMessageContaining("unit 2110 has two versions valid at the same time")
                .hasMessageContaining("2020-01-01–2025-12-31 and 2025-06-01–");
    }

    @Test
    void twoOpenVersionsOfOneUnitOverlap() throws IOException {
        write(ReferenceData.ORG_UNITS, """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to
                2110;HMC;NARA;Nära vård;2020-01-01;
                2110;HMC;DIAG;Medicinsk diagnostik;2026-01-01;
                """);

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("org_units.csv line 3: unit 2110 has two versions");
    }

    @Test
    void twoSingleDayVersionsOnTheSameDayOverlap() throws IOException {
        write(ReferenceData.ORG_UNITS, """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to
                2110;HMC;NARA;Nära vård;2026-01-01;2026-01-01
                2110;HMC;DIAG;Medicinsk diagnostik;2026-01-01;2026-01-01
                """);

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("org_units.csv line 3: unit 2110 has two versions");
    }

    @Test
    void versionMayEndOnTheDayTheNextBeginsAndTheNextWinsThatDay() throws IOException {
        // valid_to written as an exclusive end by some systems: tolerated, the later version wins the shared day.
        write(ReferenceData.ORG_UNITS, """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to
                2110;HMC;NARA;Nära vård;2020-01-01;2026-01-01
                2110;HMC;DIAG;Medicinsk diagnostik;2026-01-01;
                """);

        ReferenceData reference = ReferenceData.load(overrides);

        assertThat(reference.unitOn("2110", LocalDate.of(2025, 12, 31))).map(OrgUnitVersion::areaId).contains("NARA");
        assertThat(reference.unitOn("2110", LocalDate.of(2026, 1, 1))).map(OrgUnitVersion::areaId).contains("DIAG");
    }

    @Test
    void unknownFlagNamesFileAndLine() throws IOException {
        write(ReferenceData.ACCOUNTS, """
                account_from;account_to;line_id;line_name;kind;flags
                4000;4099;K10;Personalkostnader;COST;personnel
                4700;4799;K10;Personalkostnader;COST;"personnel,inhyrd"
                """);

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("accounts.csv line 3: ")
                .hasMessageContaining("unknown flag 'inhyrd'")
                .hasMessageContaining("personnel, agency, overtime or internal_allocation");
    }

    @Test
    void badKindNamesFileAndLine() throws IOException {
        write(ReferenceData.ACCOUNTS, """
                account_from;account_to;line_id;line_name;kind;flags
                3010;3099;I10;Patientavgifter;INTÄKT;
                """);

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("accounts.csv line 2: ")
                .hasMessageContaining("kind 'INTÄKT' must be REVENUE or COST");
    }

    @Test
    void lowerCaseKindIsAccepted() throws IOException {
        write(ReferenceData.ACCOUNTS, "account_from;account_to;line_id;line_name;kind;flags\n3010;3099;I10;Avgifter;revenue;\n");

        assertThat(ReferenceData.load(overrides).accounts().get(0).kind()).isEqualTo(LineKind.REVENUE);
    }

    @Test
    void accountRangeBackwardsNamesFileAndLine() throws IOException {
        write(ReferenceData.ACCOUNTS, "account_from;account_to;line_id;line_name;kind;flags\n4999;4000;K10;Personal;COST;\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("accounts.csv line 2: ")
                .hasMessageContaining("account_to 4000 is below account_from 4999");
    }

    @Test
    void nonNumericAccountBoundNamesFileAndLine() throws IOException {
        write(ReferenceData.ACCOUNTS, "account_from;account_to;line_id;line_name;kind;flags\n40xx;4099;K10;Personal;COST;\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("accounts.csv line 2: ")
                .hasMessageContaining("account '40xx' must be a whole number");
    }

    @Test
    void duplicateContactTypeNamesBothLines() throws IOException {
        write(ReferenceData.CONTACT_TYPES, """
                contact_type;name;category;weight
                DOCTOR_VISIT;Läkarbesök;VISIT;1,0
                VACCINATION;Vaccinationer;VISIT;0,2
                doctor_visit;Läkarbesök igen;VISIT;1,0
                """);

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("contact_types.csv line 4: ")
                .hasMessageContaining("contact type DOCTOR_VISIT is already defined on line 2");
    }

    @Test
    void zeroFteNormNamesFileAndLine() throws IOException {
        write(ReferenceData.PARAMETERS, "year;fte_norm_hours\n2024;1725\n2025;0\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("parameters.csv line 3: ")
                .hasMessageContaining("fte_norm_hours must be positive");
    }

    @Test
    void negativeFteNormIsRefused() throws IOException {
        write(ReferenceData.PARAMETERS, "year;fte_norm_hours\n2024;−1725\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("parameters.csv line 2: ")
                .hasMessageContaining("fte_norm_hours must be positive");
    }

    @Test
    void twoNormsForOneYearAreRefused() throws IOException {
        // Otherwise one of them would be dropped without a word (SPEC §4).
        write(ReferenceData.PARAMETERS, "year;fte_norm_hours\n2024;1725\n2025;1725\n2024;1700\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("parameters.csv line 4: ")
                .hasMessageContaining("year 2024 is already defined on line 2");
    }

    @Test
    void twoTargetsForOneKpiAndYearAreRefused() throws IOException {
        write(ReferenceData.KPI_TARGETS, "kpi_id;year;target\nresult;2024;0\nresult;2025;0\nresult;2024;1000\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("kpi_targets.csv line 4: ")
                .hasMessageContaining("result 2024 is already defined on line 2");
    }

    @Test
    void badYearNamesFileAndLine() throws IOException {
        write(ReferenceData.KPI_TARGETS, "kpi_id;year;target\nresult;24;0\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("kpi_targets.csv line 2: ")
                .hasMessageContaining("year '24' must be a four-digit year");
    }

    @Test
    void rowWithTheWrongNumberOfFieldsNamesFileAndLine() throws IOException {
        write(ReferenceData.PARAMETERS, "year;fte_norm_hours\n2024;1725;extra\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("parameters.csv line 2: ")
                .hasMessageContaining("expected 2 fields like the header, found 3");
    }

    @Test
    void emptyRequiredValueNamesFileLineAndColumn() throws IOException {
        write(ReferenceData.ORG_UNITS, "unit_id;unit_name;area_id;area_name;valid_from;valid_to\n1010;;AKUT;Akut;2020-01-01;\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("org_units.csv line 2: ")
                .hasMessageContaining("unit_name is empty");
    }

    @Test
    void missingColumnNamesTheFile() throws IOException {
        write(ReferenceData.ORG_UNITS, "unit_id;unit_name;area_id;valid_from\n1010;Akut;AKUT;2020-01-01\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("org_units.csv: ")
                .hasMessageContaining("lacks required column area_name");
    }

    @Test
    void emptyOverrideFileNamesTheFile() throws IOException {
        write(ReferenceData.ACCOUNTS, "");

        assertThatThrownBy(() -> ReferenceData.load(overrides))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("accounts.csv is empty");
    }

    // --- canonical form ----------------------------------------------------------------------

    @Test
    void canonicalFilesLoadBackToEqualDefaults(@TempDir Path canonical) {
        ReferenceData reference = ReferenceData.defaults();

        reference.writeCanonical(canonical);

        assertThat(ReferenceData.load(canonical)).isEqualTo(reference);
        assertThat(ReferenceData.overridden(canonical)).containsExactlyElementsOf(ReferenceData.FILE_NAMES);
    }

    @Test
    void canonicalFilesQuoteDelimitersAndQuotesAndLoadBackEqual(@TempDir Path canonical) throws IOException {
        write(ReferenceData.ORG_UNITS, """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to
                1010;"Akut; mottagning ""A\""";AKUT;Akut, sjukvård;2020-01-01;2023-12-31
                1010;Akutmottagning;AKUT;Akutsjukvård;2024-01-01;
                """);
        write(ReferenceData.ACCOUNTS, """
                account_from;account_to;line_id;line_name;kind;flags
                4000;4999;K10;Personal;COST;"overtime, personnel,agency"
                """);
        ReferenceData reference = ReferenceData.load(overrides);

        reference.writeCanonical(canonical);

        assertThat(ReferenceData.load(canonical)).isEqualTo(reference);
        assertThat(Files.readString(canonical.resolve(ReferenceData.ORG_UNITS), StandardCharsets.UTF_8))
                .contains("1010;\"Akut; mottagning \"\"A\"\"\";AKUT;\"Akut, sjukvård\";2020-01-01;2023-12-31");
        assertThat(Files.readString(canonical.resolve(ReferenceData.ACCOUNTS), StandardCharsets.UTF_8))
                .contains("4000;4999;K10;Personal;COST;\"agency,overtime,personnel\"");
    }

    @Test
    void canonicalFilesWriteDecimalsWithADot(@TempDir Path canonical) throws IOException {
        ReferenceData.defaults().writeCanonical(canonical);

        assertThat(Files.readAllLines(canonical.resolve(ReferenceData.CONTACT_TYPES), StandardCharsets.UTF_8))
                .contains("DOCTOR_VISIT_REMOTE;Läkarbesök - Distans;VISIT;0.6;", "DRG_POINTS;DRG-poäng;DRG;;");
        assertThat(Files.readAllLines(canonical.resolve(ReferenceData.KPI_TARGETS), StandardCharsets.UTF_8))
                .contains("gross_cost_development_pct;2025;3.5");
    }

    private static BigDecimal weight(ReferenceData reference, String code) {
        return reference.contactTypes().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow().weight();
    }

    private void write(String fileName, String content) throws IOException {
        Files.writeString(overrides.resolve(fileName), content, StandardCharsets.UTF_8);
    }
}
