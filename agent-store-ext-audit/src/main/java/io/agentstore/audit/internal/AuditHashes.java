package io.agentstore.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, the hash of every text the audit module stores. */
public final class AuditHashes {
    private AuditHashes() {}

    /** The SHA-256 of {@code text}'s UTF-8 bytes in lower-case hex; null for null. */
    public static String sha256(String text) {
        if (text == null) {
            return null;
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
