package se.nyckeltal.etl.hr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import se.nyckeltal.etl.extract.DeliveryRule;
import se.nyckeltal.etl.extract.DeliveryRule.Check;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.schemas.contract.HrContract;

/**
 * No employee has more than 24 hours of one hour type on one day: the rows of the same employee, day
 * and hour type in one delivery are summed, and when the sum is over 24 every one of those rows goes
 * to quarantine (which of them is wrong cannot be told). A rule across the lines of one delivery,
 * checked in the Spark task that reads the file, before anything is counted.
 *
 * <p>The quarantined text of such a row is rebuilt from its validated values with the employee masked:
 * the line as delivered is not kept once it has passed the row rules.
 */
final class DailyHoursLimit implements DeliveryRule.Check {
    static final DeliveryRule RULE = Rule.INSTANCE;
    private static final BigDecimal LIMIT = BigDecimal.valueOf(HrContract.MAX_HOURS_PER_DAY);
    /** Indexes in a line's values (HrLines.SCHEMA). */
    private static final int EMPLOYEE = 0;
    private static final int WORK_DATE = 1;
    private static final int HOUR_TYPE = 7;

    private final Map<SameDay, BigDecimal> totals = new HashMap<>();
    private boolean anyOver;

    private DailyHoursLimit() {}

    @Override
    public void see(ExtractLine line) {
        if (line.kind() == ExtractLine.Kind.VALID) {
            BigDecimal total = totals.merge(SameDay.of(line), line.measure(), BigDecimal::add);
            anyOver |= total.compareTo(LIMIT) > 0;
        }
    }

    @Override
    public boolean anyBroken() {
        return anyOver;
    }

    @Override
    public ExtractLine judge(ExtractLine line) {
        BigDecimal total = line.kind() == ExtractLine.Kind.VALID ? totals.get(SameDay.of(line)) : null;
        return total == null || total.compareTo(LIMIT) <= 0 ? line
                : HrLines.SCHEMA.reject(line, reason(line, total), rebuilt(line));
    }

    private static String reason(ExtractLine line, BigDecimal total) {
        return "the rows of this employee for " + line.values().get(HOUR_TYPE) + " on " + line.values().get(WORK_DATE)
                + " sum to " + total.setScale(2, RoundingMode.HALF_UP).toPlainString() + " hours; at most "
                + HrContract.MAX_HOURS_PER_DAY + " hours of one type per day: correct the day's rows";
    }

    /** The row from its validated values, the employee masked: date;employee;cost_center;…;hour_type;hours. */
    private static String rebuilt(ExtractLine line) {
        StringBuilder text = new StringBuilder().append(line.values().get(WORK_DATE)) // YYYY-MM-DD
                .append(';').append(EmployeeIdMask.MASK);
        for (int i = WORK_DATE + 1; i < line.values().size(); i++) {
            text.append(';').append(line.values().get(i));
        }
        return text.append(';').append(line.measure().setScale(HrLines.SCHEMA.measureType().scale(),
                RoundingMode.UNNECESSARY).toPlainString()).toString();
    }

    /** The rule: its exact check, and a screen of 64-bit key hashes and integer hours for counting. */
    private enum Rule implements DeliveryRule {
        INSTANCE;

        @Override
        public Check check() {
            return new DailyHoursLimit();
        }

        @Override
        public Check screen() {
            return new Screen();
        }
    }

    /**
     * The day totals kept as a 64-bit hash of employee, day and hour type and the hours in units of
     * 0.0001 (the hours' scale), in two arrays with open addressing: an HR file at M has a few hundred
     * thousand day totals, and a map of records and BigDecimals of them cost the counting task much of
     * its time in the garbage collector. Two keys with one hash add up, so the screen may see a day over
     * 24 hours that is not (the file is then checked exactly), never miss one that is.
     */
    static final class Screen implements Check {
        private static final long LIMIT_UNITS = HrContract.MAX_HOURS_PER_DAY * 10_000L;
        private long[] keys = new long[1 << 12];
        private long[] units = new long[1 << 12];
        private long zeroKeyUnits;
        private int size;
        private boolean anyOver;

        @Override
        public void see(ExtractLine line) {
            if (line.kind() != ExtractLine.Kind.VALID || anyOver) {
                return;
            }
            long total = add(key(line), units(line.measure()));
            anyOver = total > LIMIT_UNITS;
        }

        @Override
        public boolean anyBroken() {
            return anyOver;
        }

        @Override
        public ExtractLine judge(ExtractLine line) {
            throw new UnsupportedOperationException("a screen only counts; the exact check judges");
        }

        private static long units(BigDecimal hours) {
            // Valid hours have at most 4 decimals and are at most 24: exact in a long.
            return hours.scale() == 4 ? hours.unscaledValue().longValueExact()
                    : hours.setScale(4, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        }

        private static long key(ExtractLine line) {
            long hash = 0xcbf29ce484222325L;
            String employee = String.valueOf(line.values().get(EMPLOYEE));
            for (int i = 0; i < employee.length(); i++) {
                hash = (hash ^ employee.charAt(i)) * 0x100000001b3L;
            }
            hash = (hash ^ ((LocalDate) line.values().get(WORK_DATE)).toEpochDay()) * 0x9E3779B97F4A7C15L;
            hash = (hash ^ String.valueOf(line.values().get(HOUR_TYPE)).hashCode()) * 0x9E3779B97F4A7C15L;
            return hash ^ (hash >>> 29);
        }

        /** Adds to a key's total; returns the new total. */
        private long add(long key, long value) {
            if (key == 0) {
                zeroKeyUnits += value;
                return zeroKeyUnits;
            }
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int slot = spread(key) & mask;
            while (keys[slot] != 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == 0) {
                keys[slot] = key;
                size++;
            }
            units[slot] += value;
            return units[slot];
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldUnits = units;
            keys = new long[oldKeys.length * 2];
            units = new long[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int slot = spread(oldKeys[i]) & mask;
                    while (keys[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    units[slot] = oldUnits[i];
                }
            }
        }

        private static int spread(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }

    /** One employee's hours of one type on one day. */
    private record SameDay(Object employee, LocalDate day, Object hourType) {
        static SameDay of(ExtractLine line) {
            return new SameDay(line.values().get(EMPLOYEE), (LocalDate) line.values().get(WORK_DATE),
                    line.values().get(HOUR_TYPE));
        }
    }
}
