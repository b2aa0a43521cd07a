package io.agentstore.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a tool hands each {@link ModuleProvider}: where the database lives, the user's price override file,
 * rules files, keys (name to value, for example a hashing key), and where warnings go.
 *
 * @param databaseFolder the folder of the database file, empty for an in-memory store
 * @param priceOverrides a price override file (LiteLLM's JSON shape), if the user has one
 * @param rulesFiles     rules files (redaction, dangerous operations), in order
 * @param keys           named keys and settings
 * @param warnings       where a module reports a configuration it ignores (printed once by the tool)
 */
public record ModuleConfig(
        Optional<Path> databaseFolder,
        Optional<Path> priceOverrides,
        List<Path> rulesFiles,
        Map<String, String> keys,
        Consumer<String> warnings) {

    /** Checks and copies the arguments. */
    public ModuleConfig {
        Objects.requireNonNull(databaseFolder, "databaseFolder must not be null (use Optional.empty())");
        Objects.requireNonNull(priceOverrides, "priceOverrides must not be null (use Optional.empty())");
        rulesFiles = List.copyOf(Objects.requireNonNull(rulesFiles, "rulesFiles must not be null"));
        keys = Map.copyOf(Objects.requireNonNull(keys, "keys must not be null"));
        Objects.requireNonNull(warnings, "warnings must not be null");
    }

    /** No configuration: no files, no keys, warnings dropped. */
    public static ModuleConfig none() {
        return new ModuleConfig(Optional.empty(), Optional.empty(), List.of(), Map.of(), w -> {});
    }

    /** Reports a configuration the module ignores, naming the file, the entry and the value. */
    public void warn(String message) {
        warnings.accept(message);
    }
}
