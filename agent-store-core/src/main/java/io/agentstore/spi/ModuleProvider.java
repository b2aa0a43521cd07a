package io.agentstore.spi;

/**
 * How tools find schema modules on their classpath: the CLI and the MCP server load every
 * {@code ModuleProvider} with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.agentstore.spi.ModuleProvider} of the module's jar) and create the modules a
 * database has installed. The library itself never scans the classpath: it installs the modules given to
 * {@code AgentStore.builder().install(...)}.
 */
public interface ModuleProvider {

    /** The id of the module this provider creates, equal to {@link SchemaModule#id()}. */
    String id();

    /**
     * The module, configured from {@code config} (price overrides, rules files, keys, the database folder).
     * A configuration the module cannot use (a malformed file) is reported through
     * {@link ModuleConfig#warn(String)} and left out, rather than failing: a tool must still open the store.
     */
    SchemaModule create(ModuleConfig config);
}
