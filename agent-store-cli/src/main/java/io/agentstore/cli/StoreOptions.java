package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.StoreLockedException;
import io.agentstore.tokens.TokensModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every command that opens the database shares. */
final class StoreOptions {
    @Option(names = "--db", paramLabel = "FILE",
            description = "The database file (default: $AGENT_STORE_DB or ~/.agent-store/agent-store.duckdb).")
    Path db;

    @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "How long to wait while another process holds the database, as ISO-8601 (default: ${DEFAULT-VALUE}).",
            converter = DurationConverter.class)
    Duration lockWait;

    @Option(names = "--prices", paramLabel = "FILE",
            description = {"A price override file (LiteLLM's JSON shape, optional effective dates) added to the bundled prices.",
                    "Default: $AGENT_STORE_PRICES, else prices.json beside the database when it exists."})
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

    private TokensModule tokens() {
        Path overrides = priceOverrides();
        return overrides == null ? TokensModule.create() : TokensModule.withPriceOverrides(overrides);
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

    /** Opens the database with every module the command line knows, creating its folder owner-only. */
    AgentStore open() {
        Path file = database();
        ownerOnlyFolder(file.getParent());
        try {
            return AgentStore.builder().path(file).install(tokens()).lockWait(Duration.ZERO).build();
        } catch (StoreLockedException e) {
            if (lockWait.isZero()) {
                throw e;
            }
            System.err.println("agent-store: waiting up to " + lockWait.toSeconds() + " s for " + file + ", held by "
                    + e.holderPid().stream().mapToObj(pid -> "process " + pid).findFirst().orElse("another process") + "...");
            return AgentStore.builder().path(file).install(tokens()).lockWait(lockWait).build();
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
