package io.agentstore.claudecode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.spi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The owner-only folder where {@code agent-store hook} appends Claude Code hook payloads, one line each, without
 * opening the database: fast, and never blocked by a running import. The importer drains it
 * ({@link ClaudeCodeImporter.Builder#hookSpool}) with the same watermarks as transcripts. One file per UTC
 * day ({@code hooks-2026-01-31.jsonl}); each line is {@code {"id", "received_at", "payload"}}, or
 * {@code "raw"} when the hook's stdin was not JSON, so that nothing received is lost.
 */
public final class HookSpool {
    private final Path folder;

    private HookSpool(Path folder) {
        this.folder = folder;
    }

    /** The spool in {@code folder}. */
    public static HookSpool at(Path folder) {
        return new HookSpool(
                Objects.requireNonNull(folder, "folder must not be null").toAbsolutePath());
    }

    /**
     * The spool of one database file: {@code <file name>.hook-spool/} beside it, so that two databases in one
     * folder never drain each other's payloads. Created owner-only, like the database.
     */
    public static HookSpool besideDatabase(Path databaseFile) {
        Path file = databaseFile.toAbsolutePath();
        return at(file.resolveSibling(file.getFileName() + ".hook-spool"));
    }

    /** The spool folder. */
    public Path folder() {
        return folder;
    }

    /**
     * Appends one payload (the hook's stdin) received at {@code receivedAt}, under an exclusive file lock
     * so that concurrent hooks never interleave lines.
     *
     * @return the spool file written
     */
    public Path append(byte[] stdin, Instant receivedAt) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("id", UUID.randomUUID().toString());
        line.put("received_at", receivedAt.toString());
        try {
            JsonNode payload = Json.MAPPER.readTree(stdin);
            if (payload != null && payload.isObject()) {
                line.set("payload", payload);
            } else {
                line.put("raw", new String(stdin, StandardCharsets.UTF_8));
            }
        } catch (JsonProcessingException e) {
            line.put("raw", new String(stdin, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = (line.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        Path file = folder.resolve("hooks-" + LocalDate.ofInstant(receivedAt, ZoneOffset.UTC) + ".jsonl");
        // the file lock keeps other processes out; within this JVM, file locks are per JVM, so threads queue here
        synchronized (HookSpool.class) {
            write(file, bytes);
        }
        return file;
    }

    @SuppressWarnings("try") // the lock is held for the body, which never reads it
    private void write(Path file, byte[] bytes) {
        try {
            boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                if (posix) {
                    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
                }
            }
            try (FileChannel channel = posix
                            ? FileChannel.open(
                                    file,
                                    Set.of(
                                            StandardOpenOption.CREATE,
                                            StandardOpenOption.WRITE,
                                            StandardOpenOption.APPEND),
                                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                            : FileChannel.open(
                                    file,
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE,
                                    StandardOpenOption.APPEND);
                    FileLock lock = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the hook spool " + file, e);
        }
    }

    /** The spool files, oldest first. */
    public List<Path> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith("hooks-")
                            && p.toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the hook spool " + folder, e);
        }
    }
}
