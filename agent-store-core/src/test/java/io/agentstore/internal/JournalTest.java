package io.agentstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.spi.Dimension;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's file format on a real file: frames read back as written, a torn or corrupted last frame
 * detected by its length or CRC32C and cut off (never half read), and owner-only permissions.
 */
class JournalTest {
    @TempDir
    Path dir;

    private static final Dimension TOOL = Dimension.type1("dim_tool", "tool_key", List.of("tool_name"), List.of());

    private static Journal.Row row(int i) {
        List<Object> values = new ArrayList<>();
        values.add(new Journal.KeyRef(0));
        values.add("text " + i + " ünïcødé " + "x".repeat(i % 3 == 0 ? 70_000 : 3)); // beyond writeUTF's 64 KB
        values.add((long) i);
        values.add(i * 0.5);
        values.add(i % 2 == 0);
        values.add(new Journal.Scaled(new BigDecimal("12.345600")));
        values.add(Instant.parse("2026-01-02T03:04:05.123456Z"));
        values.add(UUID.nameUUIDFromBytes(new byte[] {(byte) i}));
        values.add(null);
        return new Journal.Row(
                "fact_tool_call",
                UUID.nameUUIDFromBytes(("row" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
                i % 2 == 0 ? null : UUID.nameUUIDFromBytes(new byte[] {1, (byte) i}),
                List.of(new Journal.KeyLookup(TOOL, List.of("Tool" + i), List.of())),
                values,
                i % 2 == 0 ? null : "{\"n\":" + i + "}");
    }

    private List<byte[]> appendFrames(Path db, int frames) throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        try (Journal j = Journal.open(db, new ArrayList<>())) {
            for (int f = 0; f < frames; f++) {
                byte[] p = Journal.encode(List.of(row(2 * f), row(2 * f + 1)));
                payloads.add(p);
                j.append(List.of(p));
            }
        }
        return payloads;
    }

    @Test
    void framesAreReadBackAsWrittenAndTheFileIsOwnerOnly() throws IOException {
        Path db = dir.resolve("a.duckdb");
        appendFrames(db, 3);
        Path file = Journal.pathOf(db);
        assertThat(file.getFileName().toString()).isEqualTo("a.duckdb.journal");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        List<Journal.Frame> frames = new ArrayList<>();
        try (Journal j = Journal.open(db, frames)) {
            assertThat(j.isEmpty()).isFalse();
        }
        assertThat(frames).hasSize(3);
        for (int f = 0; f < 3; f++) {
            assertThat(frames.get(f).rows()).containsExactly(row(2 * f), row(2 * f + 1));
        }
        assertThat(Journal.pending(db)).as("rows in complete frames").isEqualTo(6);
    }

    @Test
    void floatsRoundTrip() {
        Journal.Row r = new Journal.Row(
                "fact_x",
                UUID.randomUUID(),
                Instant.EPOCH,
                null,
                List.of(),
                List.of(new float[] {1.5f, -2f, Float.MIN_VALUE}),
                null);
        Journal.Row back = Journal.decode(Journal.encode(List.of(r))).get(0);
        assertThat((float[]) back.values().get(0)).containsExactly(1.5f, -2f, Float.MIN_VALUE);
    }

    @Test
    void aTornLastFrameIsDroppedAtEveryCutAndTheFileCutBackToTheLastWholeFrame() throws IOException {
        Path db = dir.resolve("torn.duckdb");
        List<byte[]> payloads = appendFrames(db, 3);
        Path file = Journal.pathOf(db);
        byte[] whole = Files.readAllBytes(file);
        int lastStart = Journal.HEADER + 8 + payloads.get(0).length + 8 + payloads.get(1).length;
        assertThat(whole.length)
                .as("the file is extended with zeros ahead of the appends")
                .isGreaterThan(lastStart + 8 + payloads.get(2).length);
        Random random = new Random(42);
        // every cut inside the last frame's header, and random cuts inside its payload
        List<Integer> cuts = new ArrayList<>();
        for (int c = lastStart + 1; c < lastStart + 8; c++) {
            cuts.add(c);
        }
        for (int k = 0; k < 20; k++) {
            cuts.add(lastStart + 8 + random.nextInt(payloads.get(2).length));
        }
        for (int cut : cuts) {
            Files.write(file, Arrays.copyOf(whole, cut));
            List<Journal.Frame> frames = new ArrayList<>();
            Journal.open(db, frames).close();
            assertThat(frames).as("cut at %d", cut).hasSize(2);
            assertThat(Files.size(file))
                    .as("the torn tail is cut off, so that the next append follows a whole frame")
                    .isEqualTo(lastStart);
        }
    }

    @Test
    void aFrameWithABadChecksumEndsTheJournal() throws IOException {
        Path db = dir.resolve("crc.duckdb");
        List<byte[]> payloads = appendFrames(db, 3);
        Path file = Journal.pathOf(db);
        int secondStart = Journal.HEADER + 8 + payloads.get(0).length;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            // one flipped bit in the middle of the second frame's payload: same length, wrong CRC32C
            long at = secondStart + 8 + payloads.get(1).length / 2;
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x10);
        }
        List<Journal.Frame> frames = new ArrayList<>();
        Journal.open(db, frames).close();
        assertThat(frames).as("only the frame before the damaged one").hasSize(1);
        assertThat(frames.get(0).rows()).containsExactly(row(0), row(1));
        assertThat(Files.size(file)).isEqualTo(secondStart);
    }

    @Test
    void appendsAfterATruncationReplaceTheFramesBeforeIt() throws IOException {
        Path db = dir.resolve("t.duckdb");
        try (Journal j = Journal.open(db, new ArrayList<>())) {
            j.append(List.of(Journal.encode(List.of(row(1)))));
            j.truncate();
            assertThat(j.isEmpty()).isTrue();
            j.append(List.of(Journal.encode(List.of(row(2))), Journal.encode(List.of(row(3)))));
        }
        List<Journal.Frame> frames = new ArrayList<>();
        Journal.open(db, frames).close();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).rows()).containsExactly(row(2));
        assertThat(frames.get(1).rows()).containsExactly(row(3));
    }

    @Test
    void framesOfAnEarlierGenerationAreNeverReadAgain() throws IOException {
        // a truncation leaves the old frames' bytes in the file; the new salt must make every one of them invalid,
        // even where a new frame ends exactly where an old one did (an erased record must not come back)
        Path db = dir.resolve("gen.duckdb");
        byte[] same = Journal.encode(List.of(row(7)));
        try (Journal j = Journal.open(db, new ArrayList<>())) {
            j.append(List.of(same, Journal.encode(List.of(row(8))), Journal.encode(List.of(row(9)))));
            j.truncate();
            j.append(List.of(same));
        }
        List<Journal.Frame> frames = new ArrayList<>();
        Journal.open(db, frames).close();
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).rows()).containsExactly(row(7));
        assertThat(Journal.pending(db)).isEqualTo(1);
        byte[] bytes = Files.readAllBytes(Journal.pathOf(db));
        byte[] nine = Journal.encode(List.of(row(9)));
        assertThat(indexOf(bytes, Arrays.copyOfRange(nine, nine.length - 24, nine.length)))
                .as("an emptied frame's bytes are overwritten, not only invalidated")
                .isNegative();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aJournalOfTheFirstFormatIsStillRead() throws IOException {
        // the first format: no header, each frame's CRC32C over its payload alone
        Path db = dir.resolve("v1.duckdb");
        byte[] a = Journal.encode(List.of(row(1), row(2)));
        byte[] b = Journal.encode(List.of(row(3)));
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16 + a.length + b.length);
        buffer.putInt(a.length).putInt(Journal.crc32c(a)).put(a);
        buffer.putInt(b.length).putInt(Journal.crc32c(b)).put(b);
        Files.write(Journal.pathOf(db), buffer.array());
        assertThat(Journal.pending(db)).isEqualTo(3);
        List<Journal.Frame> frames = new ArrayList<>();
        try (Journal j = Journal.open(db, frames)) {
            assertThat(frames).hasSize(2);
            assertThat(frames.get(1).rows()).containsExactly(row(3));
            j.truncate();
            j.append(List.of(Journal.encode(List.of(row(4)))));
        }
        frames.clear();
        Journal.open(db, frames).close();
        assertThat(frames).as("emptied, then written in the current format").hasSize(1);
        assertThat(frames.get(0).rows()).containsExactly(row(4));
        assertThat(Files.readAllBytes(Journal.pathOf(db))).startsWith(new byte[] {'A', 'S', 'J', '2'});
    }
}
