package io.agentstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads an export folder with Parquet-MR, the independent reader: every {@code .parquet} file, its footer
 * schema and row count, and its rows (through Parquet-MR's example {@link Group} model) decoded by logical type (UUID, timestamps as Instant, DECIMAL as
 * BigDecimal, STRING and JSON as String, NULL as null).
 */
final class ParquetFiles {

    /** One Parquet file of an export. */
    record ParquetFile(
            Path path,
            String table,
            String partition,
            MessageType schema,
            long footerRows,
            List<Map<String, Object>> rows) {}

    private ParquetFiles() {}

    /** Every Parquet file under {@code folder}, read completely. */
    static List<ParquetFile> readAll(Path folder) {
        return readAll(folder, table -> true);
    }

    /** Every Parquet file under {@code folder} of a table that {@code tables} accepts, read completely. */
    static List<ParquetFile> readAll(Path folder, Predicate<String> tables) {
        List<ParquetFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList()) {
                if (tables.test(folder.relativize(p).getName(0).toString())) {
                    files.add(read(folder, p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The rows of every file of {@code table}. */
    static List<Map<String, Object>> rows(List<ParquetFile> files, String table) {
        return files.stream()
                .filter(f -> f.table().equals(table))
                .flatMap(f -> f.rows().stream())
                .toList();
    }

    private static ParquetFile read(Path root, Path file) throws IOException {
        Path relative = root.relativize(file);
        String table = relative.getName(0).toString();
        String partition = relative.getNameCount() == 3 ? relative.getName(1).toString() : null;
        MessageType schema;
        long footerRows;
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
            footerRows = reader.getRecordCount();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(decode(schema, records.read()));
                }
            }
        }
        return new ParquetFile(file, table, partition, schema, footerRows, rows);
    }

    private static Map<String, Object> decode(MessageType schema, Group g) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Type field : schema.getFields()) {
            String name = field.getName();
            if (g.getFieldRepetitionCount(name) == 0) {
                row.put(name, null);
                continue;
            }
            PrimitiveType type = field.asPrimitiveType();
            LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
            Object value = switch (type.getPrimitiveTypeName()) {
                case BOOLEAN -> g.getBoolean(name, 0);
                case INT32 -> g.getInteger(name, 0);
                case DOUBLE -> g.getDouble(name, 0);
                case FLOAT -> g.getFloat(name, 0);
                case INT64 -> {
                    long v = g.getLong(name, 0);
                    if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                        yield switch (ts.getUnit()) {
                            case MICROS -> Instant.EPOCH.plus(v, ChronoUnit.MICROS);
                            case MILLIS -> Instant.ofEpochMilli(v);
                            case NANOS -> Instant.EPOCH.plusNanos(v);
                        };
                    }
                    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                        yield BigDecimal.valueOf(v, d.getScale());
                    }
                    yield v;
                }
                case FIXED_LEN_BYTE_ARRAY, BINARY, INT96 -> {
                    byte[] bytes = g.getBinary(name, 0).getBytes();
                    if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                        ByteBuffer b = ByteBuffer.wrap(bytes);
                        yield new UUID(b.getLong(), b.getLong());
                    }
                    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                        yield new BigDecimal(new BigInteger(bytes), d.getScale());
                    }
                    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                    // the export writes UUIDs as text (its manifest says "format": "uuid" for these columns)
                    yield name.endsWith("event_id") ? UUID.fromString(text) : text;
                }
            };
            row.put(name, value);
        }
        return row;
    }
}
