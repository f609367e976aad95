package se.nyckeltal.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.nyckeltal.schemas.kpi.KpiCatalogue;
import se.nyckeltal.schemas.kpi.KpiDefinition;
import se.nyckeltal.schemas.text.HeaderMatcher;

class HrContractTest {
    @Test
    void swedishHeadersMatchTheContract() {
        HeaderMatcher.ColumnMapping mapping = HeaderMatcher.match(List.of("Datum", "Anställningsnummer", "Kst",
                "Personalkategori", "Yrkesgrupp", "Kön", "Födelseår", "Tidtyp", "Timmar"), HrContract.COLUMNS);

        assertThat(mapping.indexOf(HrContract.EMPLOYEE_ID)).isEqualTo(1);
        assertThat(mapping.indexOf(HrContract.HOUR_TYPE)).isEqualTo(7);
        assertThat(HeaderMatcher.match(List.of("date", "anstnr", "kostnadsställe", "staff_category", "yrke",
                "gender", "birth_year", "timtyp", "hours"), HrContract.COLUMNS).indexOf(HrContract.EMPLOYEE_ID)).isEqualTo(1);
    }

    @Test
    void codedValuesAcceptEnglishAndSwedishInAnyCase() {
        assertThat(StaffCategory.parse("egen")).isEqualTo(StaffCategory.OWN);
        assertThat(StaffCategory.parse("Resursenhet")).isEqualTo(StaffCategory.RESOURCE_POOL);
        assertThat(StaffCategory.parse("inhyrd")).isEqualTo(StaffCategory.AGENCY);
        assertThat(StaffCategory.parse("resource_pool")).isEqualTo(StaffCategory.RESOURCE_POOL);
        assertThat(HourType.parse("Övertid")).isEqualTo(HourType.OVERTIME);
        assertThat(HourType.parse("övrig frånvaro")).isEqualTo(HourType.OTHER_ABSENCE);
        assertThat(HourType.parse("on-call")).isEqualTo(HourType.ON_CALL);
        assertThat(HourType.parse("Sjuk")).isEqualTo(HourType.SICK);
        assertThat(Profession.parse("Undersköterska")).isEqualTo(Profession.ASSISTANT_NURSE);
        assertThat(Profession.parse("läkare")).isEqualTo(Profession.DOCTOR);
        assertThat(Gender.parse("k")).isEqualTo(Gender.K);
        assertThat(Gender.parse("Man")).isEqualTo(Gender.M);
    }

    @Test
    void unknownValuesNameWhatIsAccepted() {
        assertThatThrownBy(() -> HourType.parse("FIKA")).hasMessageContaining("unknown hour type 'FIKA'")
                .hasMessageContaining("SCHEDULED");
        assertThatThrownBy(() -> StaffCategory.parse("konsult")).hasMessageContaining("OWN, RESOURCE_POOL or AGENCY");
        assertThatThrownBy(() -> Gender.parse("X")).hasMessageContaining("use K or M");
        assertThatThrownBy(() -> Profession.parse("pilot")).hasMessageContaining("DOCTOR");
    }

    @Test
    void hrKpisAreInTheCatalogueWithSwedishNamesAndLowerIsBetter() {
        KpiCatalogue catalogue = KpiCatalogue.load();
        List<String> hr = catalogue.kpis().stream().filter(k -> k.source().equals("hr")).map(KpiDefinition::kpiId).toList();

        assertThat(hr).containsExactly("worked_hours", "fte", "cost_per_worked_hour", "sick_leave_pct",
                "sick_leave_pct_days_1_14", "sick_leave_pct_days_15_90", "sick_leave_pct_days_91_365",
                "sick_leave_pct_days_366_plus", "sick_leave_long_share_pct", "sick_leave_pct_women",
                "sick_leave_pct_men", "sick_leave_pct_age_0_29", "sick_leave_pct_age_30_49",
                "sick_leave_pct_age_50_plus",
                // SPEC §5 More KPIs: headcount and the splits of fte and worked_hours
                "headcount", "fte.DOCTOR", "fte.NURSE", "fte.ASSISTANT_NURSE", "fte.MANAGEMENT", "fte.ADMINISTRATION",
                "fte.OTHER", "worked_hours.OWN", "worked_hours.RESOURCE_POOL", "worked_hours.AGENCY");
        assertThat(catalogue.find("fte")).map(KpiDefinition::nameSv).contains("Årsarbetare utifrån arbetad tid");
        assertThat(catalogue.find("sick_leave_pct")).map(KpiDefinition::unit).contains("%");
        assertThat(hr).allSatisfy(id -> assertThat(catalogue.find(id).orElseThrow().goodDirection()).isEqualTo("down"));
    }
}
