package io.agentstore.internal;

import io.agentstore.AgentStoreException;
import io.agentstore.spi.SchemaModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Loads SQL resources and computes their line-ending independent checksums. */
public final class Scripts {
    private Scripts() {
    }

    /** The text of {@code fileName} under {@code module}'s resource root, with line endings normalised to LF. */
    public static String load(SchemaModule module, String fileName) {
        String path = module.resourceRoot() + fileName;
        return load(module.getClass(), path);
    }

    /** The text of the classpath resource {@code path}, loaded through {@code anchor}'s class loader. */
    public static String load(Class<?> anchor, String path) {
        ClassLoader loader = anchor.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : anchor.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new AgentStoreException("SQL resource '" + path + "' is not on the classpath of "
                        + anchor.getName() + " (is the module's sql/ folder packaged into its jar?)");
            }
            return normalize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AgentStoreException("cannot read SQL resource '" + path + "': " + e.getMessage(), e);
        }
    }

    /** CRLF and CR become LF, and a leading byte-order mark is dropped. */
    public static String normalize(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** SHA-256 (hex) of the normalised text: the same on Windows and Unix checkouts. */
    public static String checksum(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(normalize(text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
