package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.StoreLockedException;
import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.SchemaModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command that opens the database shares. */
final class StoreOptions {
    @Option(
            names = "--db",
            paramLabel = "FILE",
            description = "The database file (default: $AGENT_STORE_DB or ~/.agent-store/agent-store.duckdb).")
    Path db;

    @Option(
            names = "--lock-wait",
            paramLabel = "DURATION",
            defaultValue = "PT30S",
            description =
                    "How long to wait while another process holds the database, as ISO-8601 (default: ${DEFAULT-VALUE}).",
            converter = DurationConverter.class)
    Duration lockWait;

    @Option(
            names = "--prices",
            paramLabel = "FILE",
            description = {
                "A price override file (LiteLLM's JSON shape, optional effective dates) added to the bundled prices.",
                "Default: $AGENT_STORE_PRICES, else prices.json beside the database when it exists."
            })
    Path prices;

    /** The price override file to load, if any. */
    Path priceOverrides() {
        if (prices != null) {
            if (!Files.isRegularFile(prices)) {
                throw new IllegalArgumentException("--prices " + prices + " is not a file");
            }
            return prices;
        }
        String env = System.getenv("AGENT_STORE_PRICES");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("AGENT_STORE_PRICES=" + env + " is not a file");
            }
            return p;
        }
        Path beside = database().resolveSibling("prices.json");
        return Files.isRegularFile(beside) ? beside : null;
    }

    /** What the modules get: the price override file, the database folder, and stderr for warnings. */
    ModuleConfig moduleConfig() {
        Path overrides = priceOverrides();
        return new ModuleConfig(
                Optional.ofNullable(database().getParent()),
                Optional.ofNullable(overrides),
                List.of(),
                Map.of(),
                this::warnOnce);
    }

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Prints a configuration warning to the command's stderr, once per run of the command. */
    void warnOnce(String warning) {
        if (warned.add(warning)) {
            java.io.PrintWriter err = command == null
                    ? new java.io.PrintWriter(System.err, true)
                    : command.commandLine().getErr();
            err.println("agent-store: warning: " + warning);
            err.flush();
        }
    }

    /** The database file these options name. */
    Path database() {
        if (db != null) {
            return db.toAbsolutePath();
        }
        String env = System.getenv("AGENT_STORE_DB");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return home().resolve(".agent-store").resolve("agent-store.duckdb");
    }

    /** The user's home folder: $HOME when set (as shells and Claude Code see it), else Java's user.home. */
    static Path home() {
        String env = System.getenv("HOME");
        return Path.of(env != null && !env.isBlank() ? env : System.getProperty("user.home"));
    }

    /**
     * Opens the database for a command that may create it ({@code init}, {@code ingest}, {@code demo}): a new
     * file gets {@code newModules} (every module on the classpath when null), an existing one the modules
     * recorded in its schema history plus {@code install}. Its folder is created owner-only.
     */
    AgentStore openForWriting(Collection<String> newModules, Collection<String> install) {
        Path file = database();
        Set<String> ids = new LinkedHashSet<>();
        if (Files.exists(file)) {
            ids.addAll(withLockWait(
                    file,
                    () -> AgentStore.installedModules(file, Duration.ZERO),
                    () -> AgentStore.installedModules(file, lockWait)));
        } else {
            ids.addAll(newModules == null ? Modules.discovered().keySet() : newModules);
        }
        ids.addAll(install);
        ownerOnlyFolder(file.getParent());
        List<SchemaModule> modules = Modules.create(ids, moduleConfig());
        return withLockWait(
                file,
                () -> builder(file, modules).lockWait(Duration.ZERO).build(),
                () -> builder(file, modules).lockWait(lockWait).build());
    }

    /** Opens an existing database for writing with its installed modules, applying every view script again. */
    AgentStore openForRepair() {
        Path file = requireExisting();
        List<String> installed = AgentStore.installedModules(file, lockWait);
        List<SchemaModule> modules = Modules.create(installed, moduleConfig());
        return builder(file, modules).repairViews().lockWait(lockWait).build();
    }

    /** Opens an existing database for writing with exactly its installed modules ({@code query --write}). */
    AgentStore openExistingForWriting() {
        requireExisting();
        return openForWriting(List.of(), List.of());
    }

    /**
     * Opens an existing database read-only with exactly the modules recorded in its schema history: nothing is
     * created, installed, migrated or written. With {@code sandboxed}, DuckDB can reach no other file and no
     * setting can change.
     *
     * @throws MissingDatabaseException when the file does not exist
     */
    AgentStore openForReading(boolean sandboxed) {
        Path file = requireExisting();
        List<String> installed = withLockWait(
                file,
                () -> AgentStore.installedModules(file, Duration.ZERO),
                () -> AgentStore.installedModules(file, lockWait));
        Set<String> known = Modules.discovered().keySet();
        List<String> usable = new ArrayList<>();
        for (String id : installed) {
            if (id.equals("core") || known.contains(id)) {
                usable.add(id);
            } else {
                warnOnce(file + " has module '" + id + "' installed, which this agent-store does not have;"
                        + " its tables are readable with SQL, its facade is not");
            }
        }
        List<SchemaModule> modules = Modules.create(usable, moduleConfig());
        java.util.function.Supplier<AgentStore.Builder> b = () -> {
            AgentStore.Builder builder = builder(file, modules).readOnly();
            return sandboxed ? builder.sandboxed() : builder;
        };
        return withLockWait(
                file,
                () -> b.get().lockWait(Duration.ZERO).build(),
                () -> b.get().lockWait(lockWait).build());
    }

    private Path requireExisting() {
        Path file = database();
        if (!Files.exists(file)) {
            throw new MissingDatabaseException(file);
        }
        return file;
    }

    private AgentStore.Builder builder(Path file, List<SchemaModule> modules) {
        AgentStore.Builder b = AgentStore.builder().path(file).install(modules.toArray(new SchemaModule[0]));
        // the origin of the command's queries, for the optional query log: "cli report prompts"
        return command == null
                ? b
                : b.origin("cli " + command.qualifiedName(" ").replaceFirst("^agent-store ", ""));
    }

    /** Tries at once; when the file is held, says so on stderr and waits up to {@code --lock-wait}. */
    private <T> T withLockWait(Path file, java.util.function.Supplier<T> now, java.util.function.Supplier<T> waiting) {
        try {
            return now.get();
        } catch (StoreLockedException e) {
            if (lockWait.isZero()) {
                throw e;
            }
            System.err.println("agent-store: waiting up to " + lockWait.toSeconds() + " s for " + file + ", held by "
                    + e.holderPid().stream()
                            .mapToObj(pid -> "process " + pid)
                            .findFirst()
                            .orElse("another process") + "...");
            return waiting.get();
        }
    }

    static void ownerOnlyFolder(Path folder) {
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder stays as created
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + folder, e);
        }
    }

    /** Parses {@code PT30S}, {@code 30s}, {@code 2m}, {@code 1h}. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                if (v.matches("\\d+(ms|s|m|h|d)")) {
                    long n = Long.parseLong(v.replaceAll("\\D", ""));
                    return switch (v.replaceAll("\\d", "")) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                }
                return Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration (examples: 30s, 5m, 1h, PT30S)");
            }
        }
    }
}
