package io.agentstore.claudecode.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the complete lines of a file from a byte offset, in constant memory: a line longer than the limit
 * is reported as over-long without being held (a line longer than 1 MiB is measured ahead in the file before
 * it is held, so an over-long one never is). A last line without its newline is not consumed (the
 * writer may still be writing it), so {@link #endOffset()} stays before it, unless a {@link TailCheck} given
 * to {@link #read(Path, long, long, TailCheck, LineHandler)} says it is complete (a file no longer written
 * to that ends without a newline). Reading from just after such a line, a newline that ends it is skipped,
 * not counted as an empty line.
 */
public final class LineReader {

    /** Receives each complete line. */
    @FunctionalInterface
    public interface LineHandler {
        /**
         * One line, without its line terminator.
         *
         * @param bytes      the line's bytes in {@code bytes[0..length)}; valid only during the call
         * @param length     the line's length, or the bytes kept for an over-long line
         * @param offset     the byte offset of the line's first byte
         * @param lineNumber the 1-based line number
         * @param overlong   whether the line exceeded the limit (then only its start is in {@code bytes})
         */
        void line(byte[] bytes, int length, long offset, long lineNumber, boolean overlong) throws IOException;
    }

    /** Decides whether the unterminated bytes at the end of a file are a complete line. */
    @FunctionalInterface
    public interface TailCheck {
        /**
         * Whether {@code bytes[0..length)}, the end of the file after its last newline, is a complete line.
         *
         * @param bytes  the bytes; valid only during the call
         * @param length how many
         * @return true to read them as the file's last line
         */
        boolean complete(byte[] bytes, int length);
    }

    /** Lines up to this long are held while they are read; a longer one is measured ahead in the file first. */
    private static final int LOOK_AHEAD = 1 << 20;

    private final int maxLineBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private byte[] line = new byte[64 * 1024];
    private long endOffset;
    private long lines;
    private boolean partialTail;

    /** A reader that keeps lines up to {@code maxLineBytes}; reusable for one file after another, not thread-safe. */
    public LineReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads complete lines of {@code file} from {@code startOffset}, numbering them from {@code firstLine}.
     */
    public void read(Path file, long startOffset, long firstLine, LineHandler handler) throws IOException {
        read(file, startOffset, firstLine, null, handler);
    }

    /**
     * Reads complete lines of {@code file} from {@code startOffset}, numbering them from {@code firstLine}; an
     * unterminated last line is read too when {@code tail} is not null and says it is complete.
     */
    public void read(Path file, long startOffset, long firstLine, TailCheck tail, LineHandler handler)
            throws IOException {
        endOffset = startOffset;
        lines = 0;
        partialTail = false;
        int lineLength = 0;
        long lineStart = startOffset;
        boolean overlong = false;
        // whether the current line was measured ahead in the file, and found longer than the limit
        boolean measured = false;
        boolean tooLong = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            startOffset += terminatorOfLineBefore(channel, startOffset);
            endOffset = startOffset;
            lineStart = startOffset;
            channel.position(startOffset);
            long position = startOffset;
            while (channel.read(buffer.clear()) > 0) {
                buffer.flip();
                byte[] chunk = buffer.array();
                int limit = buffer.limit();
                int from = 0;
                for (int i = 0; i < limit; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    int n = i - from;
                    if (!overlong && !measured && lineLength + n > LOOK_AHEAD) {
                        measured = true;
                        tooLong = longerThanLimit(channel, lineStart);
                    }
                    if (!overlong) {
                        if (tooLong || lineLength + n > maxLineBytes) {
                            int keep = Math.max(0, Math.min(n, 512 - lineLength));
                            line = ensure(line, lineLength + keep, maxLineBytes);
                            System.arraycopy(chunk, from, line, lineLength, keep);
                            lineLength += keep;
                            overlong = true;
                        } else {
                            line = ensure(line, lineLength + n, maxLineBytes);
                            System.arraycopy(chunk, from, line, lineLength, n);
                            lineLength += n;
                        }
                    }
                    int length = lineLength;
                    if (!overlong && length > 0 && line[length - 1] == '\r') {
                        length--;
                    }
                    lines++;
                    handler.line(
                            line,
                            overlong ? Math.min(lineLength, 512) : length,
                            lineStart,
                            firstLine + lines - 1,
                            overlong);
                    lineStart = position + i + 1;
                    endOffset = lineStart;
                    lineLength = 0;
                    overlong = false;
                    measured = false;
                    tooLong = false;
                    from = i + 1;
                }
                int rest = limit - from;
                if (rest > 0 && !overlong && !measured && lineLength + rest > LOOK_AHEAD) {
                    measured = true;
                    tooLong = longerThanLimit(channel, lineStart);
                }
                if (rest > 0 && !overlong) {
                    if (tooLong || lineLength + rest > maxLineBytes) {
                        // keep the start of the line for the excerpt, drop the rest
                        int keep = Math.max(0, Math.min(rest, 512 - lineLength));
                        line = ensure(line, lineLength + keep, maxLineBytes);
                        System.arraycopy(chunk, from, line, lineLength, keep);
                        lineLength += keep;
                        overlong = true;
                    } else {
                        line = ensure(line, lineLength + rest, maxLineBytes);
                        System.arraycopy(chunk, from, line, lineLength, rest);
                        lineLength += rest;
                    }
                }
                position += limit;
            }
            if (tail != null && position > endOffset && !overlong && !tooLong) {
                int length = lineLength;
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                if (tail.complete(line, length)) {
                    lines++;
                    handler.line(line, length, lineStart, firstLine + lines - 1, false);
                    endOffset = position;
                }
            }
            partialTail = position > endOffset;
        }
    }

    /**
     * How many bytes at {@code offset} are the newline ({@code \n} or {@code \r\n}) of a line read before
     * without one: none unless the byte before {@code offset} is not a newline.
     */
    private static int terminatorOfLineBefore(FileChannel channel, long offset) throws IOException {
        if (offset == 0) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.allocate(3);
        int n = channel.read(b, offset - 1);
        if (n < 2 || b.get(0) == '\n') {
            return 0;
        }
        if (b.get(1) == '\n') {
            return 1;
        }
        return n == 3 && b.get(1) == '\r' && b.get(2) == '\n' ? 2 : 0;
    }

    /** {@code array}, or a copy that holds {@code size} bytes, grown by doubling but never beyond {@code cap}. */
    private static byte[] ensure(byte[] array, int size, int cap) {
        return size <= array.length
                ? array
                : Arrays.copyOf(array, Math.max(size, (int) Math.min((long) array.length * 2, cap)));
    }

    /**
     * Whether the line that starts at {@code start} is longer than the limit, found by reading ahead in the
     * file (positional reads leave the channel where it is) instead of holding the line: a 100 MB line costs
     * no more memory than a 1 MB one. A line the file ends in the middle of is not longer than the limit
     * unless the part written so far is.
     */
    private boolean longerThanLimit(FileChannel channel, long start) throws IOException {
        ByteBuffer ahead = ByteBuffer.allocate(1 << 16);
        long pos = start;
        while (pos - start <= maxLineBytes) {
            ahead.clear();
            int n = channel.read(ahead, pos);
            if (n <= 0) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (ahead.get(i) == '\n') {
                    return pos + i - start > maxLineBytes;
                }
            }
            pos += n;
        }
        return true;
    }

    /** The offset after the last complete line read. */
    public long endOffset() {
        return endOffset;
    }

    /** Complete lines read. */
    public long lines() {
        return lines;
    }

    /** Whether the file ended in an incomplete line, left for a later run. */
    public boolean partialTail() {
        return partialTail;
    }
}
