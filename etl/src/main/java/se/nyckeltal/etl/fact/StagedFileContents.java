package se.nyckeltal.etl.fact;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import se.nyckeltal.schemas.fact.FactSchema;

/**
 * What one staged Parquet file really holds, read on the driver with Parquet's own column readers — no
 * Spark job: its rows by partition key ({@code SCENARIO} or {@code SCENARIO@version}, period) and source
 * file, and the exact sums of the summed columns. A fact load stages a few Parquet files per partition;
 * reading them back here costs milliseconds where a Spark aggregation over them cost a query's planning,
 * code generation and two jobs.
 *
 * <p>A row group whose statistics say that every row has the same period, scenario, version and source file
 * (as Spark's partitioned writes give) is one group without decoding those columns; any other is read row by
 * row. The summed columns are always decoded: the sums are what reconciliation compares.
 */
final class StagedFileContents {
    private static final String PERIOD = "period";
    private static final String SCENARIO = "scenario";
    private static final String SOURCE_FILE = "source_file";

    /** The rows of one partition key and source file, with their sums (null while no value was summed). */
    static final class Group {
        private long rows;
        private final Sum amount = new Sum();
        private final Sum second = new Sum();

        long rows() {
            return rows;
        }

        /** Σ of the summed column, null when every value was NULL or there was none, as Spark's {@code sum}. */
        BigDecimal amount() {
            return amount.value();
        }

        BigDecimal second() {
            return second.value();
        }

        void add(Group other) {
            rows += other.rows;
            amount.add(other.amount);
            second.add(other.second);
        }
    }

    /** A group's key: the partition key as the staging folder names it, its period and the source file. */
    record Key(String scenario, int period, String sourceFile) {}

    private final FactSchema schema;
    private final String sumColumn;
    private final String secondSumColumn;

    /**
     * @param sumColumn a DECIMAL column summed, or null
     * @param secondSumColumn another, or null
     */
    StagedFileContents(FactSchema schema, String sumColumn, String secondSumColumn) {
        this.schema = requireNonNull(schema, "schema");
        this.sumColumn = sumColumn;
        this.secondSumColumn = secondSumColumn;
    }

    /** The groups of one file. */
    Map<Key, Group> read(Path file, Configuration conf) {
        Map<Key, Group> groups = new HashMap<>();
        // Options from the caller's configuration: without them the reader makes a Configuration of its own, which
        // parses Hadoop's default XML files again (tens of milliseconds for every file read back).
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), conf), HadoopReadOptions.builder(conf).build())) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<String> keyColumns = new ArrayList<>(List.of(PERIOD, SCENARIO, SOURCE_FILE));
            if (schema.versionColumn() != null) {
                keyColumns.add(schema.versionColumn());
            }
            for (String column : keyColumns) {
                requireColumn(fileSchema, column, file);
            }
            List<String> summed = new ArrayList<>();
            for (String column : new String[] {sumColumn, secondSumColumn}) {
                if (column != null) {
                    requireColumn(fileSchema, column, file);
                    summed.add(column);
                }
            }
            List<String> keysAndSums = new ArrayList<>(keyColumns);
            keysAndSums.addAll(summed);
            MessageType sumsOnly = project(fileSchema, summed);
            MessageType everything = project(fileSchema, keysAndSums);
            for (BlockMetaData block : reader.getRowGroups()) {
                long rows = block.getRowCount();
                Object[] single = new Object[keyColumns.size()];
                boolean one = true;
                for (int c = 0; c < keyColumns.size() && one; c++) {
                    single[c] = singleValue(block, keyColumns.get(c));
                    one = single[c] != NOT_SINGLE;
                }
                if (one && summed.isEmpty()) {
                    groups.computeIfAbsent(key(single), k -> new Group()).rows += rows;
                    reader.skipNextRowGroup();
                    continue;
                }
                MessageType requested = one ? sumsOnly : everything;
                reader.setRequestedSchema(requested);
                PageReadStore pages = reader.readNextRowGroup();
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                        new DummyRecordConverter(requested).getRootConverter(), requested, createdBy);
                if (one) {
                    Group group = groups.computeIfAbsent(key(single), k -> new Group());
                    group.rows += rows;
                    sumInto(store, requested, sumColumn, rows, group.amount);
                    sumInto(store, requested, secondSumColumn, rows, group.second);
                } else {
                    readRowByRow(store, requested, keyColumns, rows, groups);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staged " + schema.table() + " file " + file, e);
        }
        return groups;
    }

    private Key key(Object[] values) {
        String scenario = (String) values[1];
        if (values.length > 3 && values[3] != null) {
            // As FactPartitionWriter keys a versioned row: SCENARIO@version.
            scenario = scenario + FactSchema.VERSION_SEPARATOR + values[3];
        }
        if (values[0] == null || values[1] == null || values[2] == null) {
            throw new IllegalStateException("a staged " + schema.table() + " row has no period, scenario or source file");
        }
        return new Key(scenario, (Integer) values[0], (String) values[2]);
    }

    /** The value every row of a row group has in a column, by its statistics; null for all NULL; else NOT_SINGLE. */
    private static Object singleValue(BlockMetaData block, String column) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (!chunk.getPath().toDotString().equals(column)) {
                continue;
            }
            Statistics<?> statistics = chunk.getStatistics();
            if (statistics == null || statistics.isEmpty() || !statistics.isNumNullsSet()) {
                return NOT_SINGLE;
            }
            if (statistics.getNumNulls() == block.getRowCount()) {
                return null;
            }
            if (statistics.getNumNulls() != 0 || !statistics.hasNonNullValue()
                    || !statistics.genericGetMin().equals(statistics.genericGetMax())) {
                return NOT_SINGLE;
            }
            return javaValue(statistics.genericGetMin());
        }
        return NOT_SINGLE;
    }

    private static final Object NOT_SINGLE = new Object();

    private static Object javaValue(Object parquet) {
        return parquet instanceof Binary binary ? binary.toStringUsingUTF8() : parquet;
    }

    private void readRowByRow(ColumnReadStoreImpl store, MessageType fileSchema, List<String> keyColumns, long rows,
            Map<Key, Group> groups) {
        List<ColumnReader> keys = new ArrayList<>();
        for (String column : keyColumns) {
            keys.add(store.getColumnReader(descriptor(fileSchema, column)));
        }
        ColumnReader amount = sumColumn == null ? null : store.getColumnReader(descriptor(fileSchema, sumColumn));
        ColumnReader second = secondSumColumn == null ? null
                : store.getColumnReader(descriptor(fileSchema, secondSumColumn));
        Object[] values = new Object[keyColumns.size()];
        for (long row = 0; row < rows; row++) {
            for (int c = 0; c < keys.size(); c++) {
                ColumnReader reader = keys.get(c);
                values[c] = isNull(reader) ? null : javaValue(switch (reader.getDescriptor().getPrimitiveType()
                        .getPrimitiveTypeName()) {
                    case INT32 -> reader.getInteger();
                    case INT64 -> reader.getLong();
                    case BINARY, FIXED_LEN_BYTE_ARRAY -> reader.getBinary();
                    default -> throw new IllegalStateException("a staged " + schema.table() + " key column "
                            + keyColumns.get(c) + " has an unexpected type " + reader.getDescriptor());
                });
                reader.consume();
            }
            Group group = groups.computeIfAbsent(key(values), k -> new Group());
            group.rows++;
            if (amount != null) {
                addNext(amount, group.amount);
            }
            if (second != null) {
                addNext(second, group.second);
            }
        }
    }

    private void sumInto(ColumnReadStoreImpl store, MessageType fileSchema, String column, long rows, Sum sum) {
        if (column == null) {
            return;
        }
        ColumnReader reader = store.getColumnReader(descriptor(fileSchema, column));
        for (long row = 0; row < rows; row++) {
            addNext(reader, sum);
        }
    }

    /** Adds the reader's current value (unless NULL) and moves on. */
    private static void addNext(ColumnReader reader, Sum sum) {
        if (!isNull(reader)) {
            PrimitiveType type = reader.getDescriptor().getPrimitiveType();
            if (!(type.getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal)) {
                throw new IllegalStateException("the summed column " + type + " is not a DECIMAL");
            }
            switch (type.getPrimitiveTypeName()) {
                case INT32 -> sum.add(reader.getInteger(), decimal.getScale());
                case INT64 -> sum.add(reader.getLong(), decimal.getScale());
                case BINARY, FIXED_LEN_BYTE_ARRAY -> sum.add(new BigDecimal(
                        new BigInteger(reader.getBinary().getBytes()), decimal.getScale()));
                default -> throw new IllegalStateException("the summed column " + type + " has an unexpected type");
            }
        }
        reader.consume();
    }

    private static boolean isNull(ColumnReader reader) {
        return reader.getCurrentDefinitionLevel() < reader.getDescriptor().getMaxDefinitionLevel();
    }

    private static MessageType project(MessageType fileSchema, List<String> columns) {
        return new MessageType(fileSchema.getName(), columns.stream().map(fileSchema::getType).toList());
    }

    private ColumnDescriptor descriptor(MessageType fileSchema, String column) {
        return fileSchema.getColumnDescription(new String[] {column});
    }

    private void requireColumn(MessageType fileSchema, String column, Path file) {
        if (!fileSchema.containsField(column) || !fileSchema.getType(column).isPrimitive()
                || fileSchema.getType(column).isRepetition(Type.Repetition.REPEATED)) {
            throw new IllegalStateException("the staged " + schema.table() + " file " + file + " has no column "
                    + column);
        }
    }

    /**
     * An exact running sum of unscaled decimals of one scale, in a long while it fits; null until a value is added,
     * as Spark's {@code sum} is NULL over NULLs only.
     */
    static final class Sum {
        private long unscaled;
        private int scale = -1;
        private BigDecimal overflow = BigDecimal.ZERO;

        void add(long value, int valueScale) {
            if (scale >= 0 && valueScale != scale) {
                add(BigDecimal.valueOf(value, valueScale));
                return;
            }
            scale = valueScale;
            long total = unscaled + value;
            // Overflow when both have the sign the total lacks.
            if (((unscaled ^ total) & (value ^ total)) < 0) {
                overflow = overflow.add(BigDecimal.valueOf(unscaled, scale));
                total = value;
            }
            unscaled = total;
        }

        void add(BigDecimal value) {
            if (scale < 0) {
                scale = value.scale();
            }
            overflow = overflow.add(value);
        }

        void add(Sum other) {
            if (other.scale < 0) {
                return;
            }
            add(other.unscaled, other.scale);
            if (other.overflow.signum() != 0) {
                overflow = overflow.add(other.overflow);
            }
        }

        BigDecimal value() {
            return scale < 0 ? null : overflow.add(BigDecimal.valueOf(unscaled, scale));
        }
    }
}
