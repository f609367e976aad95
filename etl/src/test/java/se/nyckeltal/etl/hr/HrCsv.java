package se.nyckeltal.etl.hr;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * An HR extract for tests, canonical header, one employee profile per call: everyone is OWN staff,
 * a nurse, woman, born 1980, on cost centre 1010 unless a test says otherwise.
 */
final class HrCsv {
    static final String HEADER = "date;employee_id;cost_center;staff_category;profession;gender;birth_year;hour_type;hours\n";
    private final StringBuilder text = new StringBuilder(HEADER);

    HrCsv row(String date, String employee, String hourType, String hours) {
        return row(date, employee, "1010", "OWN", "NURSE", "K", "1980", hourType, hours);
    }

    HrCsv row(String date, String employee, String costCenter, String category, String profession, String gender,
            String birthYear, String hourType, String hours) {
        text.append(String.join(";", date, employee, costCenter, category, profession, gender, birthYear, hourType, hours))
                .append('\n');
        return this;
    }

    /** 8 h SCHEDULED and 8 h SICK on every weekday from..to. */
    HrCsv sickWeekdays(String employee, String from, String to) {
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                row(d.toString(), employee, "SCHEDULED", "8").row(d.toString(), employee, "SICK", "8");
            }
        }
        return this;
    }

    /** 8 h SCHEDULED and 8 h WORKED on one day. */
    HrCsv atWork(String employee, String date) {
        return row(date, employee, "SCHEDULED", "8").row(date, employee, "WORKED", "8");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
