package io.agentstore.lifecycle.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Which dimension a {@code *_key} column points at, and the keyed hashes of the skip list. */
public final class Keys {
    private Keys() {}

    /**
     * The entity ({@code dim_<entity>}) a key column refers to: {@code session_key}, {@code session1_key} and
     * {@code from_agent_key} give {@code session}, {@code session} and {@code agent} when those dimensions exist.
     */
    public static Optional<String> entity(String column, Collection<String> entities) {
        if (!column.endsWith("_key")) {
            return Optional.empty();
        }
        String base = column.substring(0, column.length() - 4).replaceAll("\\d+$", "");
        if (entities.contains(base)) {
            return Optional.of(base);
        }
        String best = null;
        for (String e : entities) {
            if (base.endsWith("_" + e) && (best == null || e.length() > best.length())) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** HMAC-SHA256 of {@code value} under {@code secret}, hex. */
    public static String hmac(String secret, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The skip-list hash of a session id. */
    public static String sessionHash(String secret, String sessionId) {
        return hmac(secret, "session:" + sessionId);
    }

    /** The skip-list hash of a transcript path (absolute, as the importer records it). */
    public static String pathHash(String secret, String path) {
        return hmac(secret, "path:" + path);
    }
}
