package se.nyckeltal.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
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
}
