package io.agentstore.audit;

import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Redaction;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The redaction of the audit module: the default secret rules and the personal-data rules, with keyed
 * placeholders ({@link Redaction#keyed}). The key is 32 random bytes in an owner-only file beside the
 * database ({@code <database>.redaction-key}), created on first use; an in-memory store uses unkeyed
 * placeholders.
 */
public final class AuditRedaction {
    private AuditRedaction() {}

    /** The secret and personal-data rules, keyed with the key file of {@code database}. */
    public static Redaction forDatabase(Path database) {
        Objects.requireNonNull(database, "database must not be null");
        return Redaction.defaults().and(Redaction.personal()).keyed(key(keyFile(database)));
    }

    /** The secret and personal-data rules with unkeyed placeholders. */
    public static Redaction unkeyed() {
        return Redaction.defaults().and(Redaction.personal());
    }

    /** Where the key of {@code database} is kept. */
    public static Path keyFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".redaction-key");
    }

    /** The key in {@code file}, created (owner-only, 32 random bytes) when it does not exist. */
    static synchronized byte[] key(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
                        Files.createFile(
                                file,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                    }
                    Files.write(file, key);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < 16) {
                throw new AgentStoreException(
                        "the redaction key " + file + " has " + key.length
                                + " bytes, at least 16 are needed; remove it to create a new one (placeholders stop matching older ones)");
            }
            return key;
        } catch (IOException e) {
            throw new AgentStoreException("cannot read or create the redaction key " + file + ": " + e.getMessage(), e);
        }
    }
}
