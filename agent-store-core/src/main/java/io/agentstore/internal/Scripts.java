package io.agentstore.internal;

import io.agentstore.spi.SchemaModule;
import io.agentstore.spi.SqlResources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Loads migration scripts and computes their line-ending independent checksums. */
public final class Scripts {
    private Scripts() {}

    /** The text of {@code fileName} under {@code module}'s resource root, with line endings normalised to LF. */
    public static String load(SchemaModule module, String fileName) {
        return SqlResources.load(module, fileName);
    }

    /** SHA-256 (hex) of the normalised text: the same on Windows and Unix checkouts. */
    public static String checksum(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(digest.digest(SqlResources.normalize(text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
