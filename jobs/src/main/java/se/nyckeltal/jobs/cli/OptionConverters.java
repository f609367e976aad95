package se.nyckeltal.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import se.nyckeltal.etl.storage.StoreLocationException;
import se.nyckeltal.etl.storage.StorePaths;
import se.nyckeltal.jobs.schedule.dag.DurationText;
import se.nyckeltal.jobs.schedule.run.AirflowTime;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.warehouse.query.OutputFormat;

/**
 * Typed options (in the style of Trino's {@code ClientOptions}): picocli turns the text into the value
 * before a command runs, so a command never parses an option itself. A value that does not convert
 * is one {@code error:} line naming the option and one {@code hint:} line (see
 * {@link NyckeltalCli#execute}).
 */
final class OptionConverters {
    private OptionConverters() {}

    /** A value that does not convert, with what to write instead. */
    static final class BadValue extends TypeConversionException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        BadValue(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        String hint() {
            return hint;
        }
    }

    /**
     * A landing or warehouse location: a local path, or a {@code file://}, {@code hdfs://}, {@code s3a://},
     * {@code abfs://} … URI (SPEC §6, Scale-out).
     */
    static final class Location implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            try {
                return StorePaths.of(value);
            } catch (StoreLocationException e) {
                throw new BadValue(e.getMessage(), "a local folder, or e.g. hdfs://namenode:8020/nyckeltal/warehouse");
            }
        }
    }

    /** {@code --format csv|json|table}, any case. */
    static final class Format implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return enumValue(OutputFormat.class, value, "unknown format '" + value + "'", "use --format csv, json or table");
        }
    }

    /** {@code --reprocess none|failed|completed}, any case. */
    static final class Reprocess implements ITypeConverter<DagRunEngine.Reprocess> {
        @Override
        public DagRunEngine.Reprocess convert(String value) {
            return enumValue(DagRunEngine.Reprocess.class, value, "'" + value + "' is not none, failed or completed",
                    "e.g. --reprocess failed");
        }
    }

    /** Durations as DAG files write them: {@code 1s}, {@code 5m}, {@code 1h30m}, ISO {@code PT5M}, seconds. */
    static final class Span implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationText.parse(value);
            } catch (IllegalArgumentException e) {
                throw new BadValue(e.getMessage(), "e.g. 1s, 5m, 1h30m or PT5M");
            }
        }
    }

    /** Airflow's {@code {{ ds }}}: {@code 2025-03-14}. */
    static final class Day implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadValue(value + " is not a date (--ds 2025-03-14)", "pass Airflow's {{ ds }}");
            }
        }
    }

    /** A date-time with an offset, as Airflow prints {@code {{ data_interval_start }}}. */
    static final class AirflowInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return AirflowTime.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadValue(value + " is not a date-time with offset (2025-03-14T03:30:00+00:00)",
                        "pass Airflow's {{ data_interval_start }} / {{ data_interval_end }} (or a logical date)");
            }
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String message, String hint) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadValue(message, hint);
        }
    }
}
