package io.agentstore.lifecycle.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File helpers: owner-only writes, atomic replacement, overwriting before deleting. */
public final class Files2 {
    private Files2() {}

    /** Makes the file or folder owner-only where the file system has POSIX permissions. */
    public static void ownerOnly(Path p) {
        try {
            Files.setPosixFilePermissions(
                    p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the folder (and its parents) owner-only. */
    public static Path ownerOnlyFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
        ownerOnly(folder);
        return folder;
    }

    /** Writes {@code bytes} to a temporary file beside {@code target}, syncs it, and renames it over the target. */
    public static void replace(Path target, byte[] bytes) {
        Path tmp = target.resolveSibling(target.getFileName() + ".erase-tmp");
        try {
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            ownerOnly(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + target, e);
        }
    }

    /**
     * Overwrites the file's bytes with zeros (synced) and deletes it, so that its content is not left in the blocks
     * the file system frees (as far as the file system writes in place; a copy-on-write file system may keep them).
     */
    public static void shred(Path file) {
        try {
            if (!Files.exists(file)) {
                return;
            }
            long size = Files.size(file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
                long done = 0;
                while (done < size) {
                    zeros.clear();
                    zeros.limit((int) Math.min(zeros.capacity(), size - done));
                    done += ch.write(zeros, done);
                }
                ch.force(true);
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot overwrite and delete " + file, e);
        }
    }

    /** Every regular file under the folder whose name ends with {@code suffix}, sorted; empty when no folder. */
    public static List<Path> walk(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p ->
                            Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** Deletes a folder and everything in it, shredding each file; nothing when it does not exist. */
    public static void shredFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        walk(folder, "").forEach(Files2::shred);
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }
}
