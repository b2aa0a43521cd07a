package io.agentstore.internal;

import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.Json;
import io.agentstore.spi.Redaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The write journal beside a database file ({@code <db>.journal}): what makes a {@code SYNC} or
 * {@code GROUP_COMMIT} record durable before DuckDB commits it.
 *
 * <p>The file starts with a 16-byte header: the magic {@code ASJ2}, 4 reserved bytes and the generation's salt (8
 * bytes), which changes every time the journal is emptied. A frame is one unit of the writer (one {@code record}
 * or {@code recordAll} call): a 4-byte big-endian payload length, the CRC32C of the salt and the payload, then the
 * payload, which holds every fact of the unit as its row will be appended: envelope, column values (free text
 * already redacted) and the dimension lookups its keys need, resolved only when the row is loaded.
 * {@code recorded_at} is not in the journal: it is assigned when the row is loaded into DuckDB. A frame whose length or
 * checksum does not match (the last one, torn by a crash in the middle of an append) ends the journal: it and
 * anything after it are dropped, never half applied. Frames of an earlier generation fail the check under the new
 * salt, so an emptied journal can be reused in place (emptying it overwrites the frames with zeros): the file is
 * extended with zeros ahead of the appends (a zero length ends the journal), and an append then only overwrites
 * allocated blocks, so forcing it to disk does not also write the file's size and block map each time (a quarter
 * less per {@code fdatasync} on ext4 here). A journal of the first format (no header, a CRC32C of the payload
 * alone) is still read; it is replaced by a fresh one when it is emptied.
 *
 * <p>The writer thread alone appends, forces and truncates. See DESIGN "Write journal" in the core README.
 */
public final class Journal implements AutoCloseable {
    /** Test-only: a kill point, named in the system property {@code agentstore.journal.kill}. */
    private static final String KILL = System.getProperty("agentstore.journal.kill", "");

    private static final long KILL_AFTER = Long.getLong("agentstore.journal.killAfter", 20);

    private static final int MAX_FRAME = 256 << 20;

    /** The first 4 bytes of a journal file: "ASJ2" (a first-format file starts with a frame length, < 256 MB). */
    static final int MAGIC = 0x41534A32;

    /** Bytes before the first frame: magic, 4 reserved bytes, salt. */
    static final int HEADER = 16;

    /** The first extension of the file ahead of the appends; each next one doubles, up to {@link #MAX_GROW}. */
    private static final int MIN_GROW = 64 << 10;

    private static final int MAX_GROW = 8 << 20;

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10).asReadOnlyBuffer();

    private final Path path;
    private final FileChannel channel;
    private long frames;
    private long appends;
    /** The salt of the current generation: part of every frame's checksum. */
    private long salt;
    /** The file's size: appends up to it overwrite zeros. */
    private long allocated;

    private int grow = MIN_GROW;

    private boolean headerWritten;

    private Journal(Path path, FileChannel channel, long frames, long salt) throws IOException {
        this.path = path;
        this.channel = channel;
        this.frames = frames;
        this.salt = salt;
        this.allocated = channel.size();
    }

    /** How far a scan of the file got: the offset after the last good frame, and the salt (null without header). */
    private record Scan(long good, Long salt) {}

    /** The journal file of the database {@code file}. */
    public static Path pathOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".journal");
    }

    /**
     * Opens (creating, owner-only) the journal of {@code file} for appending and returns it with the frames it
     * holds; a torn tail is cut off.
     */
    public static Journal open(Path file, List<Frame> replay) throws IOException {
        Path path = pathOf(file);
        boolean existed = Files.exists(path);
        FileChannel channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            if (!existed
                    && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            }
            Scan scan = read(channel, replay);
            if (scan.good() < channel.size()) {
                // a torn frame or the zeros ahead of the last appends: cut, so the next append follows a whole frame
                channel.truncate(scan.good());
                channel.force(true);
            }
            long salt = scan.salt() == null ? new java.security.SecureRandom().nextLong() : scan.salt();
            // a new file gets its header with the first append (a full disk fails that append, not the open);
            // frames of the first format are loaded and the journal emptied (a fresh header) before any append
            channel.position(Math.max(scan.good(), HEADER));
            Journal journal = new Journal(path, channel, replay.size(), salt);
            journal.headerWritten = scan.salt() != null;
            return journal;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The number of complete frames in the journal of {@code file} (a torn tail not counted), without changing
     * it; 0 when there is none.
     */
    public static long pending(Path file) {
        Path path = pathOf(file);
        if (!Files.exists(path)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            List<Frame> frames = new ArrayList<>();
            read(channel, frames);
            long facts = 0;
            for (Frame f : frames) {
                facts += f.rows().size();
            }
            return facts;
        } catch (IOException e) {
            throw new AgentStoreException("cannot read the write journal " + path + ": " + e.getMessage(), e);
        }
    }

    private static void writeHeader(FileChannel channel, long salt) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER)
                .putInt(MAGIC)
                .putInt(0)
                .putLong(salt)
                .flip();
        int at = 0;
        while (header.hasRemaining()) {
            at += channel.write(header, at);
        }
    }

    /** Reads frames from the start; returns the offset after the last good one and the header's salt. */
    private static Scan read(FileChannel channel, List<Frame> into) throws IOException {
        long size = channel.size();
        long pos = 0;
        Long salt = null;
        ByteBuffer head = ByteBuffer.allocate(HEADER);
        if (size >= HEADER && readFully(channel, head, 0) == HEADER && head.getInt(0) == MAGIC) {
            salt = head.getLong(8);
            pos = HEADER;
        }
        head = ByteBuffer.allocate(8);
        while (pos + 8 <= size) {
            head.clear();
            if (readFully(channel, head, pos) < 8) {
                break;
            }
            head.flip();
            int length = head.getInt();
            int crc = head.getInt();
            if (length <= 0 || length > MAX_FRAME || pos + 8 + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            if (readFully(channel, payload, pos + 8) < length) {
                break;
            }
            byte[] bytes = payload.array();
            if ((salt == null ? crc32c(bytes) : crc32c(salt, bytes)) != crc) {
                break;
            }
            into.add(new Frame(decode(bytes), bytes));
            pos += 8 + length;
        }
        return new Scan(pos, salt);
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return (int) crc.getValue();
    }

    /** The checksum of a frame: CRC32C of the generation's salt (8 bytes, big-endian) and the payload. */
    static int crc32c(long salt, byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, salt));
        crc.update(bytes, 0, bytes.length);
        return (int) crc.getValue();
    }

    /** The journal's file. */
    public Path path() {
        return path;
    }

    /** Whether frames were appended since the last truncation (or the open found some). */
    public boolean isEmpty() {
        return frames == 0;
    }

    /**
     * Appends the frames of {@code payloads} with one write and forces them to disk: when it returns, they
     * survive a crash.
     */
    public void append(List<byte[]> payloads) throws IOException {
        int total = 0;
        for (byte[] p : payloads) {
            total += 8 + p.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (byte[] p : payloads) {
            buffer.putInt(p.length).putInt(crc32c(salt, p)).put(p);
        }
        buffer.flip();
        appends++;
        if (kill("mid-append")) {
            // the bytes up to the middle of the last frame reach the file, then the process dies: a torn frame
            byte[] last = payloads.get(payloads.size() - 1);
            buffer.limit(total - (8 + last.length) / 2);
            writeAll(buffer);
            channel.force(false);
            halt();
        }
        long start = channel.position();
        boolean header = !headerWritten;
        try {
            if (header) {
                writeHeader(channel, salt);
                headerWritten = true;
                allocated = Math.max(allocated, HEADER);
            }
            if (start + total > allocated) {
                extend(start + total);
            }
            writeAll(buffer);
            channel.force(false);
        } catch (IOException e) {
            // nothing of a failed append may stay: a later append would follow a half frame
            try {
                if (header) {
                    headerWritten = false;
                }
                channel.truncate(header ? 0 : start);
                channel.position(start);
                allocated = channel.size();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        frames += payloads.size();
        if (kill("after-fsync")) {
            halt();
        }
    }

    /** Writes zeros from the end of the file to at least {@code end} (and the next extension's size beyond it). */
    private void extend(long end) throws IOException {
        long target = Math.max(end, allocated + grow);
        grow = Math.min(MAX_GROW, grow * 2);
        writeZeros(allocated, target);
        allocated = target;
    }

    /** Writes zeros over {@code [from, to)} (positional: the channel's position stays). */
    private void writeZeros(long from, long to) throws IOException {
        long at = from;
        while (at < to) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), to - at));
            at += channel.write(zeros, at);
        }
    }

    private void writeAll(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Empties the journal once everything in it is committed in DuckDB: a new salt in the header makes every frame
     * of the file invalid, and the next append starts after the header, overwriting them in place.
     */
    public void truncate() throws IOException {
        if (kill("mid-truncate")) {
            // the commit is done, the journal still holds its frames: replay must skip them
            halt();
        }
        // the frames' bytes are overwritten with zeros, so that nothing of them (a record erased since, say) stays
        // on disk; the new salt invalidates whatever a crash in the middle of this leaves
        writeZeros(HEADER, channel.position());
        salt++;
        writeHeader(channel, salt);
        headerWritten = true;
        allocated = Math.max(allocated, HEADER);
        if (allocated > 4L * MAX_GROW) {
            // after a long stretch without a load (a failing disk): give the space back
            channel.truncate(HEADER + MAX_GROW);
            allocated = channel.size();
        }
        channel.position(HEADER);
        channel.force(false);
        frames = 0;
    }

    /** Test-only: whether the kill point {@code point} is armed and due. */
    static boolean kill(String point) {
        return KILL.equals(point) && KILL_AFTER >= 0 && killDue(point);
    }

    private static long killCount;

    private static synchronized boolean killDue(String point) {
        return ++killCount > KILL_AFTER;
    }

    static void halt() {
        System.out.println("KILLPOINT " + KILL);
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }

    /** Closes the file; with {@code delete}, removes it (it must be empty). */
    public void close(boolean delete) throws IOException {
        channel.close();
        if (delete) {
            Files.deleteIfExists(path);
        }
    }

    @Override
    public void close() throws IOException {
        close(false);
    }

    // ---- frames --------------------------------------------------------------------------------------------

    /** One unit as read back from the journal: its rows, and its bytes. */
    public record Frame(List<Row> rows, byte[] bytes) {}

    /**
     * A dimension lookup a row needs: resolved when the row is loaded, in the order the fact type asked. A value
     * may be a {@link KeyRef} to an earlier lookup of the same row.
     */
    public record KeyLookup(Dimension dimension, List<Object> naturalKey, List<Object> attributes) {}

    /** A column value that is the key of lookup {@code index}. */
    public record KeyRef(int index) {}

    /** A decimal column, scaled already. */
    public record Scaled(BigDecimal value) {}

    /**
     * One fact row as it will be appended: the envelope without {@code recorded_at}, the values between the
     * envelope and {@code attributes} (String, Long, Double, Boolean, {@link Scaled}, Instant, UUID, float[],
     * {@link KeyRef} or null) and {@code attributes} as stored (redacted JSON or null).
     */
    public record Row(
            String table,
            UUID eventId,
            Instant occurredAt,
            UUID supersedes,
            List<KeyLookup> keys,
            List<Object> values,
            String attributes) {}

    /**
     * Runs the fact type's {@code write} against a recording row: what it appends is captured, the key
     * lookups it asks for are kept for the load, and its validation failures are thrown here, before anything
     * is acknowledged.
     */
    public static Row capture(Writer.Pending p, Redaction redaction) throws java.sql.SQLException {
        Recorder recorder = new Recorder(redaction, p);
        p.type().write(p.record(), recorder, recorder);
        String attributes = p.record().attributes().isEmpty()
                ? null
                : redaction.redact(Json.write(p.record().attributes()));
        return new Row(
                p.type().table(),
                p.eventId(),
                p.occurredAt(),
                p.record().supersedesEventId(),
                List.copyOf(recorder.keys),
                recorder.values,
                attributes);
    }

    /** A context and row that record what a fact type writes. */
    private static final class Recorder implements FactContext, FactRow {
        private final Redaction redaction;
        private final Writer.Pending pending;
        private final List<KeyLookup> keys = new ArrayList<>(4);
        private final Map<Long, Integer> placeholders = new IdentityHashMap<>();
        private final List<Object> values = new ArrayList<>(16);

        Recorder(Redaction redaction, Writer.Pending pending) {
            this.redaction = redaction;
            this.pending = pending;
        }

        @Override
        public UUID eventId() {
            return pending.eventId();
        }

        @Override
        public Instant occurredAt() {
            return pending.occurredAt();
        }

        @Override
        public Redaction redaction() {
            return redaction;
        }

        @Override
        public Long key(Dimension dimension, List<?> naturalKey, List<?> attributes) {
            for (Object v : naturalKey) {
                if (v == null) {
                    return null;
                }
            }
            List<Object> nk = new ArrayList<>(naturalKey.size());
            for (Object v : naturalKey) {
                nk.add(keyValue(v));
            }
            List<Object> attrs = new ArrayList<>(attributes == null ? 0 : attributes.size());
            if (attributes != null) {
                for (Object v : attributes) {
                    attrs.add(keyValue(v));
                }
            }
            keys.add(new KeyLookup(dimension, nk, attrs));
            // a placeholder told apart by identity (Long.valueOf boxes anew outside -128..127): the row
            // records a reference to the lookup instead
            Long placeholder = Long.valueOf(Long.MIN_VALUE + keys.size());
            placeholders.put(placeholder, keys.size() - 1);
            return placeholder;
        }

        /** A value of a lookup: the key of an earlier lookup (the audit user of a session) stays a reference. */
        private Object keyValue(Object v) {
            if (v instanceof Long l) {
                Integer ref = placeholders.get(l);
                if (ref != null) {
                    return new KeyRef(ref);
                }
            }
            if (v == null
                    || v instanceof String
                    || v instanceof Long
                    || v instanceof Integer
                    || v instanceof Boolean
                    || v instanceof Instant) {
                return v;
            }
            if (v instanceof BigDecimal d) {
                return new Scaled(d); // a price of dim_model_price: never truncated to a whole number
            }
            if (v instanceof Double || v instanceof Float) {
                return ((Number) v).doubleValue();
            }
            if (v instanceof Number n) {
                return n.longValue();
            }
            if (v instanceof OffsetDateTime odt) {
                return odt.toInstant();
            }
            return v.toString();
        }

        @Override
        public FactRow text(String value) {
            values.add(value);
            return this;
        }

        @Override
        public FactRow freeText(String value) {
            return text(redaction.redact(value));
        }

        @Override
        public FactRow int64(Long value) {
            Integer ref = value == null ? null : placeholders.get(value);
            values.add(ref != null ? new KeyRef(ref) : value);
            return this;
        }

        @Override
        public FactRow float64(Double value) {
            values.add(value);
            return this;
        }

        @Override
        public FactRow bool(Boolean value) {
            values.add(value);
            return this;
        }

        @Override
        public FactRow decimal(BigDecimal value, int scale) {
            if (value == null) {
                values.add(null);
                return this;
            }
            try {
                values.add(new Scaled(value.setScale(scale, RoundingMode.UNNECESSARY)));
            } catch (ArithmeticException e) {
                throw new AgentStoreException("appender refused DECIMAL " + value + ": " + e.getMessage(), e);
            }
            return this;
        }

        @Override
        public FactRow timestamp(Instant value) {
            if (value != null) {
                try {
                    Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
                } catch (ArithmeticException e) {
                    throw new AgentStoreException("appender refused TIMESTAMPTZ: " + e.getMessage(), e);
                }
            }
            values.add(value);
            return this;
        }

        @Override
        public FactRow uuid(UUID value) {
            values.add(value);
            return this;
        }

        @Override
        public FactRow json(Object value) {
            return text(value == null ? null : Json.write(value));
        }

        @Override
        public FactRow floats(float[] value) {
            values.add(value == null ? null : value.clone());
            return this;
        }
    }

    // ---- encoding ------------------------------------------------------------------------------------------

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte INT = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOL = 5;
    private static final byte DECIMAL = 6;
    private static final byte INSTANT = 7;
    private static final byte UUID_TAG = 8;
    private static final byte FLOATS = 9;
    private static final byte KEY = 10;

    /** The payload of one frame holding {@code rows}. */
    public static byte[] encode(List<Row> rows) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * rows.size());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(rows.size());
            for (Row r : rows) {
                out.writeUTF(r.table());
                writeUuid(out, r.eventId());
                writeInstant(out, r.occurredAt());
                out.writeBoolean(r.supersedes() != null);
                if (r.supersedes() != null) {
                    writeUuid(out, r.supersedes());
                }
                out.writeInt(r.keys().size());
                for (KeyLookup k : r.keys()) {
                    Dimension d = k.dimension();
                    out.writeUTF(d.table());
                    out.writeUTF(d.keyColumn());
                    writeStrings(out, d.naturalKey());
                    writeStrings(out, d.attributes());
                    out.writeBoolean(d.versionedBy() != null);
                    if (d.versionedBy() != null) {
                        out.writeUTF(d.versionedBy());
                    }
                    writeValues(out, k.naturalKey());
                    writeValues(out, k.attributes());
                }
                writeValues(out, r.values());
                writeValue(out, r.attributes());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of one frame's payload. */
    public static List<Row> decode(byte[] payload) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            int n = in.readInt();
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String table = in.readUTF();
                UUID eventId = readUuid(in);
                Instant occurredAt = readInstant(in);
                UUID supersedes = in.readBoolean() ? readUuid(in) : null;
                int nk = in.readInt();
                List<KeyLookup> keys = new ArrayList<>(nk);
                for (int k = 0; k < nk; k++) {
                    String dimTable = in.readUTF();
                    String keyColumn = in.readUTF();
                    List<String> natural = readStrings(in);
                    List<String> attrs = readStrings(in);
                    String versionedBy = in.readBoolean() ? in.readUTF() : null;
                    Dimension d = new Dimension(dimTable, keyColumn, natural, attrs, versionedBy);
                    keys.add(new KeyLookup(d, readValues(in), readValues(in)));
                }
                List<Object> values = readValues(in);
                String attributes = (String) readValue(in);
                rows.add(new Row(table, eventId, occurredAt, supersedes, keys, values, attributes));
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new AgentStoreException("a journal frame with a good checksum cannot be decoded: " + e, e);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.readUTF());
        }
        return list;
    }

    private static void writeValues(DataOutputStream out, List<Object> values) throws IOException {
        out.writeInt(values.size());
        for (Object v : values) {
            writeValue(out, v);
        }
    }

    private static List<Object> readValues(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readValue(in));
        }
        return list;
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            // writeUTF is limited to 64 KB: free text may be longer
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeByte(STRING);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOL);
            out.writeBoolean(b);
        } else if (v instanceof Scaled s) {
            out.writeByte(DECIMAL);
            byte[] unscaled = s.value().unscaledValue().toByteArray();
            out.writeInt(s.value().scale());
            out.writeInt(unscaled.length);
            out.write(unscaled);
        } else if (v instanceof Instant t) {
            out.writeByte(INSTANT);
            writeInstant(out, t);
        } else if (v instanceof UUID u) {
            out.writeByte(UUID_TAG);
            writeUuid(out, u);
        } else if (v instanceof float[] f) {
            out.writeByte(FLOATS);
            out.writeInt(f.length);
            for (float x : f) {
                out.writeFloat(x);
            }
        } else if (v instanceof KeyRef k) {
            out.writeByte(KEY);
            out.writeInt(k.index());
        } else {
            throw new IllegalArgumentException(
                    "the journal cannot hold a " + v.getClass().getName());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING: {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                return new String(b, java.nio.charset.StandardCharsets.UTF_8);
            }
            case LONG:
                return in.readLong();
            case INT:
                return in.readInt();
            case DOUBLE:
                return in.readDouble();
            case BOOL:
                return in.readBoolean();
            case DECIMAL: {
                int scale = in.readInt();
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                return new Scaled(new BigDecimal(new BigInteger(b), scale));
            }
            case INSTANT:
                return readInstant(in);
            case UUID_TAG:
                return readUuid(in);
            case FLOATS: {
                float[] f = new float[in.readInt()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = in.readFloat();
                }
                return f;
            }
            case KEY:
                return new KeyRef(in.readInt());
            default:
                throw new IOException("unknown value tag " + tag);
        }
    }

    private static void writeUuid(DataOutputStream out, UUID u) throws IOException {
        out.writeLong(u.getMostSignificantBits());
        out.writeLong(u.getLeastSignificantBits());
    }

    private static UUID readUuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
