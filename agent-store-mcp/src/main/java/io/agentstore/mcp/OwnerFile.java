package io.agentstore.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The file beside the database that names the running owner process: its loopback port, the token every request
 * must carry and its PID. Readable by its owner only, so another OS user cannot learn the token.
 *
 * @param port  the port on 127.0.0.1
 * @param token the request token (64 hex digits)
 * @param pid   the owner's process id
 */
public record OwnerFile(int port, String token, long pid) {

    /** The owner file of a database: {@code <database>.owner.json}. */
    public static Path besideDatabase(Path database) {
        return database.resolveSibling(database.getFileName() + ".owner.json");
    }

    /** A new owner description with a fresh random token. */
    static OwnerFile fresh(int port) {
        byte[] t = new byte[32];
        new SecureRandom().nextBytes(t);
        return new OwnerFile(
                port, HexFormat.of().formatHex(t), ProcessHandle.current().pid());
    }

    /** Reads the owner file of a database; empty when there is none or it cannot be read. */
    public static Optional<OwnerFile> read(Path database) {
        Path f = besideDatabase(database);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            Map<?, ?> m = Jsons.MAPPER.readValue(f.toFile(), Map.class);
            return Optional.of(new OwnerFile(
                    ((Number) m.get("port")).intValue(), (String) m.get("token"), ((Number) m.get("pid")).longValue()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes this description beside the database, owner-only, replacing any earlier one atomically. */
    void write(Path database) {
        Path f = besideDatabase(database);
        Path tmp = f.resolveSibling(f.getFileName() + "." + pid + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", port);
            m.put("token", token);
            m.put("pid", pid);
            Files.write(tmp, Jsons.MAPPER.writeValueAsBytes(m));
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the owner file " + f, e);
        }
    }

    /** Removes the owner file when it still names this owner. */
    void remove(Path database) {
        Optional<OwnerFile> current = read(database);
        if (current.isPresent() && current.get().token.equals(token)) {
            try {
                Files.deleteIfExists(besideDatabase(database));
            } catch (IOException ignored) {
                // a stale file is recognised by the next client: its owner does not answer
            }
        }
    }

    @Override
    public String toString() {
        return "OwnerFile[port=" + port + ", pid=" + pid + "]";
    }
}
