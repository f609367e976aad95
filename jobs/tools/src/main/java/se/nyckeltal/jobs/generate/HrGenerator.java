package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ObjLongConsumer;
import se.nyckeltal.schemas.contract.HourType;
import se.nyckeltal.schemas.contract.Profession;
import se.nyckeltal.schemas.contract.StaffCategory;
import se.nyckeltal.schemas.calendar.Easter;

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
 * mistyped row that quarantine catches. In M and L every cost centre is staffed like its template unit
 * (ward or office, its mix of professions), and the agencies send {@link Scale#sizeFactor()} times as many.
 */
final class HrGenerator {
    /** Own employees per unit of UnitProfile size: ≈ 2 000 employees in the demo, ≈ 3 million rows over 34 months. */
    static final int EMPLOYEES_PER_UNIT_SIZE = 55;
    /** The month whose file carries one row with negative hours, to show quarantine in the demo. */
    static final YearMonth MONTH_WITH_BAD_ROW = YearMonth.of(2025, 3);
    private static final String POOL_UNIT = "6030";
    /** People the staffing agencies send to the demo region, each to one clinic or health centre. */
    private static final int AGENCY_STAFF = 240;
    /** Share of own employees with a sick spell first reported after the month's delivery (restatements). */
    static final double LATE_SICK_SHARE = 0.04;

    private final GeneratorSettings settings;
    private final RegionShape region;

    HrGenerator(GeneratorSettings settings, RegionShape region) {
        this.settings = requireNonNull(settings, "settings");
        this.region = requireNonNull(region, "region");
    }

    static String monthlyFileName(YearMonth month) {
        return "tid-" + month + ".csv";
    }

    /** A spell of sick leave, calendar days first..last, {@code share} of each scheduled day sick. */
    private record Spell(LocalDate first, LocalDate last, double share) {}

    private record Employee(String id, String unit, StaffCategory category, Profession profession, String gender,
            int birthYear, double rate, boolean shifts, LocalDate from, LocalDate to, List<Spell> spells,
            List<LocalDate> vacationStarts, long seed) {
        /** The same person with one more spell, which gives way to the spells already known. */
        Employee withSpell(Spell spell) {
            List<Spell> more = new ArrayList<>(spells);
            more.add(spell);
            return new Employee(id, unit, category, profession, gender, birthYear, rate, shifts, from, to, more,
                    vacationStarts, seed);
        }

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

    /** Everyone who works in the region during the settings' years, and what they need to know. */
    private record Staff(List<Employee> employees, List<Employee> agency, List<String> wards, Set<LocalDate> holidays) {}

    /** Writes {@code hr/tid-YYYY-MM.csv} for every month, telling {@code onFileWritten} each file's data rows. */
    void generate(Path landing, ObjLongConsumer<Path> onFileWritten) {
        Staff staff = staff();
        for (YearMonth month = settings.firstMonth(); !month.isAfter(settings.lastMonth()); month = month.plusMonths(1)) {
            Path file = landing.resolve("hr").resolve(monthlyFileName(month));
            onFileWritten.accept(file, writeMonth(file, month, staff, false));
        }
    }

    /**
     * Writes {@code hr/tid-YYYY-MM_rattelse.csv}: the month again, whole, with sick days of about
     * {@value #LATE_SICK_SHARE} of own employees reported late (sick in place of worked or vacation
     * hours), and without the deliberate bad row.
     */
    void generateRestatement(Path landing, YearMonth month, ObjLongConsumer<Path> onFileWritten) {
        Path file = landing.resolve("hr").resolve(DemoRegionGenerator.restatementFileName(monthlyFileName(month)));
        onFileWritten.accept(file, writeMonth(file, month, staff(), true));
    }

    private Staff staff() {
        LocalDate first = settings.firstMonth().atDay(1);
        LocalDate last = settings.lastMonth().atEndOfMonth();
        List<String> wards = region.costCentres().stream().filter(CostCentre::ward).map(CostCentre::id).toList();
        return new Staff(employees(first, last), agencyPool(first, last), wards, holidays(first.getYear(), last.getYear()));
    }

    /** @return the number of data rows written */
    private long writeMonth(Path file, YearMonth month, Staff staff, boolean restated) {
        // Every third month is an Excel export, counted from the first month generated.
        boolean excel = ChronoUnit.MONTHS.between(settings.firstMonth(), month) % 3 == 2;
        try (Rows out = new Rows(file, month, excel)) {
            for (Employee employee : staff.employees()) {
                Employee e = restated && employee.category() == StaffCategory.OWN ? lateSick(employee, month) : employee;
                for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                    if (e.active(day)) {
                        if (e.category() == StaffCategory.OWN) {
                            ownDay(out, e, day, staff.holidays());
                        } else {
                            poolDay(out, e, day, staff.wards());
                        }
                    }
                }
            }
            agencyMonth(out, staff.agency(), month);
            if (month.equals(MONTH_WITH_BAD_ROW) && !restated) {
                // A hand-edited export: a correction typed as negative hours. Quarantined, id masked.
                Employee e = staff.employees().get(7);
                out.row(month.atDay(14), e, e.unit(), HourType.WORKED, -8);
            }
            return out.count();
        }
    }

    /** A short sick spell (1–3 days) in the month that the first delivery did not know about, for a few. */
    private Employee lateSick(Employee e, YearMonth month) {
        SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "late-sick", e.id(), month.toString()));
        if (random.nextDouble() >= LATE_SICK_SHARE) {
            return e;
        }
        LocalDate first = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
        LocalDate last = first.plusDays(random.nextInt(3));
        return e.withSpell(new Spell(first, last.isAfter(month.atEndOfMonth()) ? month.atEndOfMonth() : last, 1.0));
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
        for (CostCentre centre : region.costCentres()) {
            if (!centre.employs()) {
                continue; // Förvaltningsgemensamt: common costs, nobody employed there
            }
            String unit = centre.id();
            int headcount = (int) Math.round(centre.profile().size() * EMPLOYEES_PER_UNIT_SIZE);
            for (int i = 0; i < headcount; i++) {
                SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "employee", unit, i));
                boolean pool = centre.template().equals(POOL_UNIT);
                Profession profession = pool ? (random.nextDouble() < 0.6 ? Profession.NURSE : Profession.ASSISTANT_NURSE)
                        : profession(centre, random);
                // ≈ 9 % of positions change hands during the period: one person leaves, another starts.
                LocalDate change = random.nextDouble() < 0.09 * (last.getYear() - first.getYear() + 1)
                        ? first.plusDays(random.nextInt((int) (last.toEpochDay() - first.toEpochDay()))) : null;
                employees.add(person(++number, centre, pool, profession, random, first, change == null ? last : change));
                if (change != null) {
                    employees.add(person(++number, centre, pool, profession, random, change.plusDays(1), last));
                }
            }
        }
        return employees;
    }

    private Employee person(int number, CostCentre centre, boolean pool, Profession profession, SplittableRandom random,
            LocalDate from, LocalDate to) {
        String gender = random.nextDouble() < womenShare(profession) ? "K" : "M";
        // 20–67 throughout: born between (last year − 67) and (first year − 20)
        int oldest = settings.lastMonth().getYear() - 67;
        int youngest = settings.firstMonth().getYear() - 20;
        int birthYear = oldest + random.nextInt(youngest - oldest + 1);
        double rate = random.nextDouble() < 0.75 ? 1.0 : (random.nextBoolean() ? 0.8 : 0.9);
        boolean shifts = pool || centre.ward() && (profession == Profession.NURSE
                || profession == Profession.ASSISTANT_NURSE || profession == Profession.DOCTOR);
        long seed = random.nextLong();
        List<LocalDate> vacations = new ArrayList<>();
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            // four weeks from a Monday between mid June and mid July
            LocalDate monday = LocalDate.of(year, 6, 15).with(DayOfWeek.MONDAY).plusWeeks(random.nextInt(5));
            vacations.add(monday);
        }
        return new Employee(String.format("%06d", 100000 + number * 7), centre.id(),
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
        List<String> units = region.costCentres().stream().filter(CostCentre::hiresAgencyStaff).map(CostCentre::id).toList();
        List<Employee> agency = new ArrayList<>();
        long staff = Math.round(AGENCY_STAFF * region.scale().sizeFactor());
        for (int i = 0; i < staff; i++) {
            SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "agency", i));
            Profession profession = random.nextDouble() < 0.55 ? Profession.DOCTOR : Profession.NURSE;
            int birthYear = settings.lastMonth().getYear() - 67 + random.nextInt(40);
            agency.add(new Employee("H" + (5000 + i * 3), units.get(random.nextInt(units.size())), StaffCategory.AGENCY,
                    profession, random.nextDouble() < womenShare(profession) ? "K" : "M", birthYear, 1.0, true, first,
                    last, List.of(), List.of(), random.nextLong()));
        }
        return agency;
    }

    private static Profession profession(CostCentre centre, SplittableRandom random) {
        int code = centre.templateCode();
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
            LocalDate easter = Easter.sunday(year);
            days.add(easter.minusDays(2));   // långfredagen
            days.add(easter.plusDays(1));    // annandag påsk
            days.add(easter.plusDays(39));   // Kristi himmelsfärdsdag
            days.add(LocalDate.of(year, 6, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY))); // midsommarafton
        }
        return days;
    }

    // --- the file ----------------------------------------------------------------------------------

    /** The rows of one month's file, as a canonical export or as an Excel export with Swedish codes. */
    private static final class Rows implements AutoCloseable {
        private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
        private final boolean excel;
        private final String newline;
        private final ExtractOutput out;
        /** The month's dates as text, by day of month: a row writes one, ≈ 10 million times in a large region. */
        private final String[] days;

        Rows(Path file, YearMonth month, boolean excel) {
            this.excel = excel;
            this.newline = excel ? "\r\n" : "\n";
            this.days = new String[month.lengthOfMonth() + 1];
            for (int d = 1; d <= month.lengthOfMonth(); d++) {
                days[d] = month.atDay(d).toString();
            }
            this.out = ExtractOutput.open(file, excel ? WINDOWS_1252 : StandardCharsets.UTF_8, false);
            out.append(excel ? "Datum;Anstnr;Kst;Personalkategori;Yrkesgrupp;Kön;Födelseår;Tidtyp;Timmar"
                    : "date;employee_id;cost_center;staff_category;profession;gender;birth_year;hour_type;hours")
                    .endLine(newline);
        }

        void row(LocalDate day, Employee e, String costCenter, HourType type, double hours) {
            out.append(days[day.getDayOfMonth()]).append(';').append(e.id()).append(';').append(costCenter).append(';')
                    .append(excel ? swedish(e.category()) : e.category().name()).append(';')
                    .append(excel ? swedish(e.profession()) : e.profession().name()).append(';')
                    .append(e.gender()).append(';').append(e.birthYear()).append(';')
                    .append(excel ? swedish(type) : type.name()).append(';');
            hours(hours);
            out.endRow(newline);
        }

        /** Two decimals, as {@code %.2f} would write them (hours are whole quarters, so exact), decimal comma in Excel. */
        private void hours(double hours) {
            long cents = Math.round(hours * 100);
            if (cents < 0) {
                out.append('-');
                cents = -cents;
            }
            long fraction = cents % 100;
            out.append(cents / 100).append(excel ? ',' : '.').append(fraction < 10 ? "0" : "").append(fraction);
        }

        long count() {
            return out.rows();
        }

        @Override
        public void close() {
            out.close();
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
