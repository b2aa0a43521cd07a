package io.agentstore.testing;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.spi.SchemaModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that opens an {@link AgentStore} with chosen modules and clock for each test and
 * closes it after (in the manner of jdbi's database extensions). Registered on an instance field, each test
 * gets a fresh store; on a static field, the tests of the class share one, closed after the last. The store
 * opens when a test first asks for it ({@link #get()}), so tests of the class that need none pay nothing.
 *
 * <pre>{@code
 * class BudgetTest {
 *     final MutableClock clock = MutableClock.at("2025-06-15T12:00:00Z");
 *
 *     @RegisterExtension
 *     final StoreExtension store = StoreExtension.inMemory().install(TokensModule.create()).clock(clock);
 *
 *     @Test
 *     void something() {
 *         store.get().record(...);
 *     }
 * }
 * }</pre>
 *
 * <p>A file store lives in a temporary folder of its own (owner-only, like every agent-store file), deleted
 * after the store closed; {@link #reopen()} closes and opens the same file again, for tests of what survives
 * a restart. Test methods may also take the open {@link AgentStore} as a parameter.
 *
 * <p>Configure the extension before it opens its first store (in the field initializer); the configuring
 * methods return this extension and throw {@link IllegalStateException} once a store is open.
 */
public final class StoreExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final boolean inMemory;
    private final List<SchemaModule> modules = new ArrayList<>();
    private final List<Consumer<AgentStore.Builder>> options = new ArrayList<>();
    private Clock clock;
    private Durability durability;
    private Supplier<Path> initialFile;
    private String fileName = "store.duckdb";

    private boolean perClass;
    private boolean active;
    private Path folder;
    private AgentStore store;

    private StoreExtension(boolean inMemory) {
        this.inMemory = inMemory;
    }

    /** A store in memory: the fastest, for tests whose subject is not the file. */
    public static StoreExtension inMemory() {
        return new StoreExtension(true);
    }

    /** A store in a file in a temporary folder of its own, deleted after the store closed. */
    public static StoreExtension file() {
        return new StoreExtension(false);
    }

    /** Installs {@code modules} besides core (which every store has). */
    public StoreExtension install(SchemaModule... modules) {
        checkNotOpen();
        Objects.requireNonNull(modules, "modules must not be null");
        for (SchemaModule m : modules) {
            this.modules.add(Objects.requireNonNull(m, "modules must not contain null"));
        }
        return this;
    }

    /** The store's clock, usually a {@link MutableClock}; without one the store uses the system clock. */
    public StoreExtension clock(Clock clock) {
        checkNotOpen();
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        return this;
    }

    /** The durability mode; the store's default ({@link Durability#GROUP_COMMIT}) without one. */
    public StoreExtension durability(Durability durability) {
        checkNotOpen();
        this.durability = Objects.requireNonNull(durability, "durability must not be null");
        return this;
    }

    /**
     * Any other option of the builder ({@code b -> b.queueCapacity(64)}), applied after the modules, the clock
     * and the durability.
     */
    public StoreExtension configure(Consumer<AgentStore.Builder> option) {
        checkNotOpen();
        options.add(Objects.requireNonNull(option, "option must not be null"));
        return this;
    }

    /** The file name of a file store inside its folder; {@code store.duckdb} by default. */
    public StoreExtension fileName(String fileName) {
        checkNotOpen();
        Objects.requireNonNull(fileName, "fileName must not be null");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("fileName must be a plain file name, got '" + fileName + "'");
        }
        this.fileName = fileName;
        return this;
    }

    /**
     * A file store that starts as a copy of the file {@code template} supplies (asked once per store): for
     * modules whose first open is slow (loading a price table, say), a template created once per JVM and
     * copied for every test.
     */
    public StoreExtension copyOf(Supplier<Path> template) {
        checkNotOpen();
        if (inMemory) {
            throw new IllegalStateException("copyOf needs a file store (StoreExtension.file()), not an in-memory one");
        }
        this.initialFile = Objects.requireNonNull(template, "template must not be null");
        return this;
    }

    /**
     * The open store.
     *
     * @throws IllegalStateException outside a test (before the store opened or after it closed)
     */
    public AgentStore get() {
        if (store == null && active) {
            open();
        }
        if (store == null) {
            throw new IllegalStateException("the store is open only while a test runs (register the extension with"
                    + " @RegisterExtension; a static field shares one store between the tests of the class)");
        }
        return store;
    }

    /**
     * The file of a file store.
     *
     * @throws IllegalStateException for an in-memory store, or outside a test
     */
    public Path path() {
        if (inMemory) {
            throw new IllegalStateException("an in-memory store has no file; use StoreExtension.file()");
        }
        return folder().resolve(fileName);
    }

    /**
     * The temporary folder of this store (a file store's file is in it); tests may put other files there. It
     * is deleted after the store closed.
     *
     * @throws IllegalStateException outside a test
     */
    public Path folder() {
        if (folder == null && active) {
            folder = createFolder();
        }
        if (folder == null) {
            throw new IllegalStateException("the folder exists only while a test runs");
        }
        return folder;
    }

    /** A builder with this extension's modules, clock, durability and options, for a second store. */
    public AgentStore.Builder builder() {
        AgentStore.Builder b = AgentStore.builder();
        if (!modules.isEmpty()) {
            b.install(modules.toArray(SchemaModule[]::new));
        }
        if (clock != null) {
            b.clock(clock);
        }
        if (durability != null) {
            b.durability(durability);
        }
        options.forEach(o -> o.accept(b));
        return b;
    }

    /**
     * Closes the file store and opens the same file again with the same configuration, as a new process
     * would; returns the new store (which {@link #get()} returns from now on).
     *
     * @throws IllegalStateException for an in-memory store (closing it would lose everything), or outside a test
     */
    public AgentStore reopen() {
        if (inMemory) {
            throw new IllegalStateException("an in-memory store cannot be reopened; use StoreExtension.file()");
        }
        get().close();
        store = null;
        store = builder().path(path()).build();
        return store;
    }

    /** Starts the scope of the shared store of a static extension. */
    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        active = true;
    }

    /** Closes the shared store of a static extension and deletes its folder. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the scope of the store of this test (an instance extension). */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            active = true;
        }
    }

    /** Closes the store of this test (an instance extension) and deletes its folder. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    /** Test methods and constructors may take the open {@link AgentStore} as a parameter. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AgentStore.class;
    }

    /** The open store. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get();
    }

    /** What the extension opens, for failure messages. */
    @Override
    public String toString() {
        return "StoreExtension[" + (inMemory ? "in memory" : "file") + ", modules "
                + modules.stream().map(SchemaModule::id).toList() + (clock == null ? "" : ", " + clock) + "]";
    }

    private static Path createFolder() {
        try {
            return Files.createTempDirectory("agent-store-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the store", e);
        }
    }

    private void open() {
        if (folder == null) {
            folder = createFolder();
        }
        AgentStore.Builder b = builder();
        if (inMemory) {
            b.inMemory();
        } else {
            Path file = folder.resolve(fileName);
            if (initialFile != null) {
                Path template = Objects.requireNonNull(initialFile.get(), "the template supplier returned null");
                try {
                    Files.copy(template, file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy the template " + template + " to " + file, e);
                }
            }
            b.path(file);
        }
        store = b.build();
    }

    private void close() {
        active = false;
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            store = null;
            Path root = folder;
            folder = null;
            Optional.ofNullable(root).ifPresent(StoreExtension::delete);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the store's temporary folder " + root, e);
        }
    }

    private void checkNotOpen() {
        if (store != null || active) {
            throw new IllegalStateException("configure the extension before its store opens, not during a test");
        }
    }
}
