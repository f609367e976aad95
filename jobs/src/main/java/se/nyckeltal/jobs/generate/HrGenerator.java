package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import se.nyckeltal.schemas.contract.HourType;
import se.nyckeltal.schemas.contract.Profession;
import se.nyckeltal.schemas.contract.StaffCategory;
import se.nyckeltal.schemas.reference.OrgUnitVersion;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * Writes the demo region's HR time extracts, one file per month ({@code hr/tid-YYYY-MM.csv}), one
 * row per employee, day and hour type (SPEC §3). Deterministic: the same settings give the same bytes.
 *
 * <p>About {@value #EMPLOYEES_PER_UNIT_SIZE} own employees per unit of ledger size (≈ 2 000 in all),
 * sized like the ledger's personnel costs; a resource pool (Resursenheten, 6030) lending nurses to the
 * wards; agency staff (inhyrda läkare och sjuksköterskor) in the clinics and health centres, fewer in
 * the last year. Office staff work weekdays, ward staff shifts over the whole week; four weeks of
 * summer vacation; sick spells of every length — most a few days, some weeks, a few months, and a few
 * longer than a year, often part-time — more in winter; overtime peaking in July and December; on-call
 * (jour/beredskap) for doctors. Women and men, born so that everyone is 20–67. Every third month is an
 * Excel-style export (Windows-1252, Swedish header and codes, decimal comma, CRLF), one month has a
 * mistyped row that quarantine catches.
 */
final class HrGenerator {
    /** Own employees per unit of UnitProfile size: ≈ 2 000 employees, ≈ 3 million rows over 34 months. */
    static final int EMPLOYEES_PER_UNIT_SIZE = 55;
    /** The month whose file carries one row with negative hours, to show quarantine in the demo. */
    static final YearMonth MONTH_WITH_BAD_ROW = YearMonth.of(2025, 3);
    private static final String POOL_UNIT = "6030";
    /** People the staffing agencies send, each to one clinic or health centre. */
    private static final int AGENCY_STAFF = 240;

    private final GeneratorSettings settings;
    private final ReferenceData reference;

    HrGenerator(GeneratorSettings settings, ReferenceData reference) {
        this.settings = requireNonNull(settings, "settings");
        this.reference = requireNonNull(reference, "reference");
    }

    /** A spell of sick leave, calendar days first..last, {@code share} of each scheduled day sick. */
    private record Spell(LocalDate first, LocalDate last, double share) {}

    private record Employee(String id, String unit, StaffCategory category, Profession profession, String gender,
            int birthYear, double rate, boolean shifts, LocalDate from, LocalDate to, List<Spell> spells,
            List<LocalDate> vacationStarts, long seed) {
        boolean active(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }

        double sickShare(LocalDate day) {
            for (Spell s : spells) {
                if (!day.isBefore(s.first()) && !day.isAfter(s.last())) {
                    return s.share();
                }
            }
            return 0;
        }

        boolean onVacation(LocalDate day) {
            for (LocalDate start : vacationStarts) {
                if (!day.isBefore(start) && day.isBefore(start.plusDays(28))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** @return the number of rows written */
    long generate(Path landing, Consumer<Path> onFileWritten) {
        LocalDate first = settings.firstMonth().atDay(1);
        LocalDate last = settings.lastMonth().atEndOfMonth();
        Set<LocalDate> holidays = holidays(first.getYear(), last.getYear());
        List<Employee> employees = employees(first, last);
        List<Employee> agency = agencyPool(first, last);
        List<String> wards = new ArrayList<>();
        for (String unit : unitIds()) {
            if (isWard(unit)) {
                wards.add(unit);
            }
        }
        long rows = 0;
        int index = 0;
        for (YearMonth month = settings.firstMonth(); !month.isAfter(settings.lastMonth()); month = month.plusMonths(1)) {
            boolean excel = index++ % 3 == 2;
            Rows out = new Rows(excel);
            for (Employee e : employees) {
                for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                    if (e.active(day)) {
                        if (e.category() == StaffCategory.OWN) {
                            ownDay(out, e, day, holidays);
                        } else {
                            poolDay(out, e, day, wards);
                        }
                    }
                }
            }
            agencyMonth(out, agency, month);
            if (month.equals(MONTH_WITH_BAD_ROW)) {
                // A hand-edited export: a correction typed as negative hours. Quarantined, id masked.
                Employee e = employees.get(7);
                out.row(month.atDay(14), e, e.unit(), HourType.WORKED, -8);
            }
            Path file = landing.resolve("hr").resolve(String.format("tid-%04d-%02d.csv", month.getYear(),
                    month.getMonthValue()));
            out.write(file);
            rows += out.count;
            onFileWritten.accept(file);
        }
        return rows;
    }

    // --- one day of one person ---------------------------------------------------------------------

    private static void ownDay(Rows out, Employee e, LocalDate day, Set<LocalDate> holidays) {
        SplittableRandom random = new SplittableRandom(Objects.hash(e.seed(), day.toEpochDay()));
        double scheduled = scheduledHours(e, day, holidays, random);
        boolean doctor = e.profession() == Profession.DOCTOR;
        if (scheduled == 0) {
            // Beredskap on a free day, for doctors now and then.
            if (doctor && random.nextDouble() < 0.06) {
                out.row(day, e, e.unit(), HourType.ON_CALL, 8 + random.nextInt(9));
            }
            return;
        }
        out.row(day, e, e.unit(), HourType.SCHEDULED, scheduled);
        double share = e.sickShare(day);
        if (share > 0) {
            double sick = quarter(scheduled * share);
            out.row(day, e, e.unit(), HourType.SICK, sick);
            if (scheduled - sick > 0) {
                out.row(day, e, e.unit(), HourType.WORKED, scheduled - sick);
            }
            return;
        }
        if (e.onVacation(day)) {
            out.row(day, e, e.unit(), HourType.VACATION, scheduled);
            return;
        }
        if (random.nextDouble() < 0.015) {
            // Övrig frånvaro: a course, a child's sick day (VAB), a union meeting.
            out.row(day, e, e.unit(), HourType.OTHER_ABSENCE, scheduled);
            return;
        }
        out.row(day, e, e.unit(), HourType.WORKED, scheduled);
        int month = day.getMonthValue();
        double overtime = (month == 7 || month == 12) ? 0.09 : 0.035;
        if (day.getYear() >= 2026) {
            overtime *= 0.8; // the year overtime is brought down
        }
        if (e.shifts() && random.nextDouble() < overtime) {
            out.row(day, e, e.unit(), HourType.OVERTIME, 1 + random.nextInt(4) + (random.nextBoolean() ? 0.5 : 0));
        }
        if (doctor && random.nextDouble() < 0.08) {
            out.row(day, e, e.unit(), HourType.ON_CALL, 4 + random.nextInt(9));
        }
    }

    /** Ward staff a shift on about rate × 5 of 7 days, office staff every weekday but public holidays. */
    private static double scheduledHours(Employee e, LocalDate day, Set<LocalDate> holidays, SplittableRandom random) {
        if (e.shifts()) {
            return random.nextDouble() < e.rate() * 5 / 7.0 ? 8.25 : 0;
        }
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY || holidays.contains(day)) {
            return 0;
        }
        return quarter(8 * e.rate());
    }

    /** Resursenheten's nurses: a shift on a ward the pool lends them to that week. Worked hours only. */
    private static void poolDay(Rows out, Employee e, LocalDate day, List<String> wards) {
        SplittableRandom random = new SplittableRandom(Objects.hash(e.seed(), day.toEpochDay()));
        if (random.nextDouble() < e.rate() * 5 / 7.0 && !e.onVacation(day)) {
            long week = day.toEpochDay() / 7;
            String ward = wards.get(new SplittableRandom(Objects.hash(e.seed(), week)).nextInt(wards.size()));
            out.row(day, e, ward, HourType.WORKED, 8.25);
        }
    }

    /**
     * Inhyrd personal: each month a few stints in the clinics and health centres, by staff from the
     * agencies' pool; about 30 % fewer from 2026, when the region phases agency staff out.
     */
    private void agencyMonth(Rows out, List<Employee> agency, YearMonth month) {
        SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "agency", month.toString()));
        int stints = (int) Math.round(agency.size() * 0.6 * (month.getYear() >= 2026 ? 0.7 : 1.0)
                * (month.getMonthValue() == 7 ? 1.4 : 1.0));
        Set<Integer> busy = new HashSet<>();
        for (int s = 0; s < stints; s++) {
            int pick = random.nextInt(agency.size());
            if (!busy.add(pick)) {
                continue;
            }
            Employee e = agency.get(pick);
            int start = 1 + random.nextInt(month.lengthOfMonth());
            int days = 4 + random.nextInt(12);
            for (int d = start; d < start + days && d <= month.lengthOfMonth(); d++) {
                LocalDate day = month.atDay(d);
                if (e.profession() == Profession.DOCTOR || day.getDayOfWeek().getValue() <= 5) {
                    out.row(day, e, e.unit(), HourType.WORKED, e.profession() == Profession.DOCTOR ? 10 : 8.25);
                    if (e.profession() == Profession.DOCTOR && random.nextDouble() < 0.15) {
                        out.row(day, e, e.unit(), HourType.ON_CALL, 8 + random.nextInt(9));
                    }
                }
            }
        }
    }

    // --- who works here ----------------------------------------------------------------------------

    private List<Employee> employees(LocalDate first, LocalDate last) {
        List<Employee> employees = new ArrayList<>();
        int number = 0;
        for (String unit : unitIds()) {
            UnitProfile profile = UnitProfile.of(unit);
            if (profile.lines().stream().noneMatch(l -> l.account().equals("4010"))) {
                continue; // Förvaltningsgemensamt: common costs, nobody employed there
            }
            int headcount = (int) Math.round(profile.size() * EMPLOYEES_PER_UNIT_SIZE);
            for (int i = 0; i < headcount; i++) {
                SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "employee", unit, i));
                boolean pool = unit.equals(POOL_UNIT);
                Profession profession = pool ? (random.nextDouble() < 0.6 ? Profession.NURSE : Profession.ASSISTANT_NURSE)
                        : profession(unit, random);
                // ≈ 9 % of positions change hands during the period: one person leaves, another starts.
                LocalDate change = random.nextDouble() < 0.09 * (last.getYear() - first.getYear() + 1)
                        ? first.plusDays(random.nextInt((int) (last.toEpochDay() - first.toEpochDay()))) : null;
                employees.add(person(++number, unit, pool, profession, random, first, change == null ? last : change));
                if (change != null) {
                    employees.add(person(++number, unit, pool, profession, random, change.plusDays(1), last));
                }
            }
        }
        return employees;
    }

    private Employee person(int number, String unit, boolean pool, Profession profession, SplittableRandom random,
            LocalDate from, LocalDate to) {
        String gender = random.nextDouble() < womenShare(profession) ? "K" : "M";
        // 20–67 throughout: born between (last year − 67) and (first year − 20)
        int oldest = settings.lastMonth().getYear() - 67;
        int youngest = settings.firstMonth().getYear() - 20;
        int birthYear = oldest + random.nextInt(youngest - oldest + 1);
        double rate = random.nextDouble() < 0.75 ? 1.0 : (random.nextBoolean() ? 0.8 : 0.9);
        boolean shifts = pool || isWard(unit) && (profession == Profession.NURSE
                || profession == Profession.ASSISTANT_NURSE || profession == Profession.DOCTOR);
        long seed = random.nextLong();
        List<LocalDate> vacations = new ArrayList<>();
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            // four weeks from a Monday between mid June and mid July
            LocalDate monday = LocalDate.of(year, 6, 15).with(DayOfWeek.MONDAY).plusWeeks(random.nextInt(5));
            vacations.add(monday);
        }
        return new Employee(String.format("%06d", 100000 + number * 7), unit,
                pool ? StaffCategory.RESOURCE_POOL : StaffCategory.OWN, profession, gender, birthYear, rate, shifts,
                from, to, pool ? List.of() : spells(new SplittableRandom(seed), from, to), vacations, seed);
    }

    /**
     * Sick spells: ≈ 5 short ones (1–4 days) a year, more in winter; one of 1–6 weeks every other year;
     * one of 3–10 months for ≈ 5 % a year; and for ≈ 3 % one of 13–24 months, often half-time.
     */
    private static List<Spell> spells(SplittableRandom random, LocalDate from, LocalDate to) {
        List<Spell> spells = new ArrayList<>();
        if (random.nextDouble() < 0.03) {
            LocalDate start = from.plusDays(random.nextInt((int) Math.max(1, to.toEpochDay() - from.toEpochDay())));
            spells.add(new Spell(start, start.plusDays(380 + random.nextInt(340)), random.nextBoolean() ? 0.5 : 1.0));
        }
        LocalDate day = from;
        while (!day.isAfter(to)) {
            int month = day.getMonthValue();
            double season = month <= 3 || month >= 11 ? 1.4 : (month >= 6 && month <= 8 ? 0.6 : 1.0);
            double draw = random.nextDouble();
            Spell spell = null;
            if (draw < 5.0 / 365 * season) {
                spell = new Spell(day, day.plusDays(random.nextInt(4)), 1.0);
            } else if (draw < (5.0 / 365 + 0.5 / 365) * season) {
                spell = new Spell(day, day.plusDays(6 + random.nextInt(36)), 1.0);
            } else if (draw < (5.0 / 365 + 0.5 / 365) * season + 0.05 / 365) {
                spell = new Spell(day, day.plusDays(90 + random.nextInt(220)), random.nextDouble() < 0.4 ? 0.5 : 1.0);
            }
            if (spell != null) {
                spells.add(spell);
                day = spell.last().plusDays(2 + random.nextInt(20));
            } else {
                day = day.plusDays(1);
            }
        }
        return spells;
    }

    /** The agencies' staff: doctors and nurses, each placed with one clinic or health centre. */
    private List<Employee> agencyPool(LocalDate first, LocalDate last) {
        List<String> units = unitIds().stream().filter(u -> u.compareTo("1010") >= 0 && u.compareTo("2050") <= 0).toList();
        List<Employee> agency = new ArrayList<>();
        for (int i = 0; i < AGENCY_STAFF; i++) {
            SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "agency", i));
            Profession profession = random.nextDouble() < 0.55 ? Profession.DOCTOR : Profession.NURSE;
            int birthYear = settings.lastMonth().getYear() - 67 + random.nextInt(40);
            agency.add(new Employee("H" + (5000 + i * 3), units.get(random.nextInt(units.size())), StaffCategory.AGENCY,
                    profession, random.nextDouble() < womenShare(profession) ? "K" : "M", birthYear, 1.0, true, first,
                    last, List.of(), List.of(), random.nextLong()));
        }
        return agency;
    }

    private static Profession profession(String unit, SplittableRandom random) {
        int code = Integer.parseInt(unit);
        double[] mix; // doctor, nurse, assistant nurse, management, administration, other
        if (code >= 1010 && code <= 1100) {
            mix = new double[] {0.15, 0.35, 0.30, 0.04, 0.08, 0.08};
        } else if (code >= 2010 && code <= 2050) {
            mix = new double[] {0.20, 0.30, 0.15, 0.05, 0.15, 0.15};
        } else if (code >= 2060 && code <= 2120 && code != 2110) {
            mix = new double[] {0.10, 0.25, 0.20, 0.05, 0.10, 0.30};
        } else if (code >= 3010 && code <= 3060) {
            mix = new double[] {0.10, 0.05, 0.05, 0.05, 0.10, 0.65};
        } else {
            mix = new double[] {0.03, 0.04, 0.0, 0.20, 0.50, 0.23};
        }
        double draw = random.nextDouble();
        Profession[] professions = Profession.values();
        for (int i = 0; i < mix.length; i++) {
            draw -= mix[i];
            if (draw < 0) {
                return professions[i];
            }
        }
        return Profession.OTHER;
    }

    private static double womenShare(Profession profession) {
        return switch (profession) {
            case DOCTOR -> 0.55;
            case NURSE -> 0.88;
            case ASSISTANT_NURSE -> 0.85;
            case MANAGEMENT -> 0.70;
            case ADMINISTRATION -> 0.82;
            case OTHER -> 0.72;
        };
    }

    /** Wards and clinics staffed around the clock: somatic care, geriatrics, psychiatry. */
    private static boolean isWard(String unit) {
        int code = Integer.parseInt(unit);
        return code >= 1010 && code <= 1100 || code >= 2070 && code <= 2100;
    }

    private List<String> unitIds() {
        Set<String> ids = new LinkedHashSet<>();
        reference.orgUnits().stream().map(OrgUnitVersion::unitId).forEach(ids::add);
        return new ArrayList<>(ids);
    }

    private static double quarter(double hours) {
        return Math.round(hours * 4) / 4.0;
    }

    /** Swedish public holidays an office closes on (helgdagar), for weekday schedules. */
    static Set<LocalDate> holidays(int firstYear, int lastYear) {
        Set<LocalDate> days = new HashSet<>();
        for (int year = firstYear; year <= lastYear; year++) {
            for (MonthDay fixed : List.of(MonthDay.of(1, 1), MonthDay.of(1, 6), MonthDay.of(5, 1), MonthDay.of(6, 6),
                    MonthDay.of(12, 24), MonthDay.of(12, 25), MonthDay.of(12, 26), MonthDay.of(12, 31))) {
                days.add(fixed.atYear(year));
            }
            LocalDate easter = easterSunday(year);
            days.add(easter.minusDays(2));   // långfredagen
            days.add(easter.plusDays(1));    // annandag påsk
            days.add(easter.plusDays(39));   // Kristi himmelsfärdsdag
            days.add(LocalDate.of(year, 6, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY))); // midsommarafton
        }
        return days;
    }

    /** The Gregorian computus (anonymous algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    // --- the file ----------------------------------------------------------------------------------

    /** The rows of one month's file, as a canonical export or as an Excel export with Swedish codes. */
    private static final class Rows {
        private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
        private final boolean excel;
        private final StringBuilder text = new StringBuilder(1 << 20);
        private long count;

        Rows(boolean excel) {
            this.excel = excel;
            text.append(excel ? "Datum;Anstnr;Kst;Personalkategori;Yrkesgrupp;Kön;Födelseår;Tidtyp;Timmar"
                    : "date;employee_id;cost_center;staff_category;profession;gender;birth_year;hour_type;hours");
            text.append(excel ? "\r\n" : "\n");
        }

        void row(LocalDate day, Employee e, String costCenter, HourType type, double hours) {
            text.append(day).append(';').append(e.id()).append(';').append(costCenter).append(';')
                    .append(excel ? swedish(e.category()) : e.category().name()).append(';')
                    .append(excel ? swedish(e.profession()) : e.profession().name()).append(';')
                    .append(e.gender()).append(';').append(e.birthYear()).append(';')
                    .append(excel ? swedish(type) : type.name()).append(';').append(hours(hours))
                    .append(excel ? "\r\n" : "\n");
            count++;
        }

        private String hours(double hours) {
            String text = String.format(Locale.ROOT, "%.2f", hours);
            return excel ? text.replace('.', ',') : text;
        }

        void write(Path file) {
            try {
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    out.write(text.toString().getBytes(excel ? WINDOWS_1252 : StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        private static String swedish(StaffCategory category) {
            return switch (category) {
                case OWN -> "egen";
                case RESOURCE_POOL -> "resursenhet";
                case AGENCY -> "inhyrd";
            };
        }

        private static String swedish(Profession profession) {
            return switch (profession) {
                case DOCTOR -> "Läkare";
                case NURSE -> "Sjuksköterska";
                case ASSISTANT_NURSE -> "Undersköterska";
                case MANAGEMENT -> "Ledning";
                case ADMINISTRATION -> "Administration";
                case OTHER -> "Övriga";
            };
        }

        private static String swedish(HourType type) {
            return switch (type) {
                case WORKED -> "Arbetad";
                case OVERTIME -> "Övertid";
                case ON_CALL -> "Jour";
                case SCHEDULED -> "Schemalagd";
                case SICK -> "Sjuk";
                case VACATION -> "Semester";
                case OTHER_ABSENCE -> "Övrig frånvaro";
            };
        }
    }
}
