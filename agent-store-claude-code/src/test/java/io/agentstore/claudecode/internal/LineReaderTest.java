package io.agentstore.claudecode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines around the look-ahead size and the limit: whole when within it, over-long (and not held) beyond it. */
class LineReaderTest {
    @TempDir
    Path dir;

    private record Seen(long number, long offset, int length, boolean overlong, byte first, byte last) {}

    @Test
    void linesLongerThanTheLookAheadAreWholeWithinTheLimitAndOverLongBeyondIt() throws Exception {
        int limit = 3 << 20;
        int[] lengths = {10, (1 << 20) + 5, limit, limit + 1, 5 << 20, 0, 7};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lengths.length; i++) {
            byte[] b = new byte[lengths[i]];
            Arrays.fill(b, (byte) ('a' + i));
            out.write(b);
            out.write('\n');
        }
        byte[] tail = new byte[2 << 20];
        Arrays.fill(tail, (byte) 'z');
        out.write(tail); // a last line still being written: not consumed
        Path file = Files.write(dir.resolve("lines.jsonl"), out.toByteArray());

        List<Seen> seen = new ArrayList<>();
        LineReader reader = new LineReader(limit);
        reader.read(
                file,
                0,
                1,
                (bytes, length, offset, number, overlong) -> seen.add(new Seen(
                        number,
                        offset,
                        length,
                        overlong,
                        length == 0 ? 0 : bytes[0],
                        length == 0 ? 0 : bytes[length - 1])));

        assertThat(seen).hasSize(lengths.length);
        long offset = 0;
        for (int i = 0; i < lengths.length; i++) {
            Seen s = seen.get(i);
            boolean over = lengths[i] > limit;
            assertThat(s.number()).isEqualTo(i + 1);
            assertThat(s.offset()).isEqualTo(offset);
            assertThat(s.overlong()).as("line %d over-long", i + 1).isEqualTo(over);
            assertThat(s.length()).as("line %d length", i + 1).isEqualTo(over ? 512 : lengths[i]);
            if (lengths[i] > 0) {
                assertThat(s.first()).isEqualTo((byte) ('a' + i));
                if (!over) {
                    assertThat(s.last()).isEqualTo((byte) ('a' + i));
                }
            }
            offset += lengths[i] + 1;
        }
        assertThat(reader.endOffset()).isEqualTo(offset);
        assertThat(reader.partialTail()).isTrue();
    }

    @Test
    void anUnterminatedLastLineIsReadWhenTheTailCheckSaysItIsCompleteAndItsLaterNewlineIsNoLine() throws Exception {
        Path file = Files.write(
                dir.resolve("tail.jsonl"), "one\r\ntwo".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        List<String> seen = new ArrayList<>();
        LineReader reader = new LineReader(1024);
        reader.read(
                file,
                0,
                1,
                (bytes, length) -> false,
                (bytes, length, offset, number, overlong) -> seen.add(number + "@" + offset + ":"
                        + new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(seen).containsExactly("1@0:one");
        assertThat(reader.endOffset()).isEqualTo(5);
        assertThat(reader.partialTail()).isTrue();

        reader.read(
                file,
                5,
                2,
                (bytes, length) -> true,
                (bytes, length, offset, number, overlong) -> seen.add(number + "@" + offset + ":"
                        + new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(seen).containsExactly("1@0:one", "2@5:two");
        assertThat(reader.endOffset()).isEqualTo(8);
        assertThat(reader.partialTail()).isFalse();

        // the writer ends the line and writes another: its newline is skipped, not an empty line 3
        Files.write(
                file,
                "\r\nthree\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.APPEND);
        reader.read(
                file,
                8,
                3,
                null,
                (bytes, length, offset, number, overlong) -> seen.add(number + "@" + offset + ":"
                        + new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(seen).containsExactly("1@0:one", "2@5:two", "3@10:three");
        assertThat(reader.endOffset()).isEqualTo(16);
        assertThat(reader.lines()).isEqualTo(1);
    }
}
