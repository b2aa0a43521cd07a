package io.agentstore.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Loads SQL text from the classpath with line endings normalised to LF, for modules, importers and tools
 * that keep their SQL in {@code .sql} resources. A facade reads its own module's reference queries through
 * {@link StoreContext#sqlResource(String)}, which caches them.
 */
public final class SqlResources {
    private SqlResources() {}

    /** The text of {@code fileName} under {@code module}'s resource root ({@link SchemaModule#resourceRoot()}). */
    public static String load(SchemaModule module, String fileName) {
        if (module == null) {
            throw new IllegalArgumentException("module must not be null");
        }
        return load(module.getClass(), module.resourceRoot() + fileName);
    }

    /**
     * The text of the classpath resource {@code path} (for example {@code "agent-store/queries/core/x.sql"}),
     * loaded through {@code anchor}'s class loader.
     *
     * @throws AgentStoreException when the resource is missing or cannot be read (the message names it)
     */
    public static String load(Class<?> anchor, String path) {
        if (anchor == null) {
            throw new IllegalArgumentException("anchor must not be null");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(
                    "path must not be empty, was " + (path == null ? "null" : "'" + path + "'"));
        }
        ClassLoader loader =
                anchor.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : anchor.getClassLoader();
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
}
