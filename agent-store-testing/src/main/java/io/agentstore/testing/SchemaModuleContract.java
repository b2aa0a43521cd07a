package io.agentstore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Migration;
import io.agentstore.spi.Row;
import io.agentstore.spi.SchemaModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compatibility kit every schema module's tests extend (in the manner of Micrometer's TCK): the
 * scripts listed are the scripts shipped, versions are contiguous, applying and re-opening is a no-op,
 * names and types follow the star-schema conventions, every fact table has the envelope columns, a
 * registered writer and its {@code v_*} view, records written through the store read back equal, no
 * database object is created by two modules, and no versioned script updates or deletes rows.
 *
 * <pre>{@code
 * class TokensModuleContractTest extends SchemaModuleContract {
 *     protected SchemaModule module() { return TokensModule.create(); }
 *     protected FactRecord randomRecord(long seed) { return new RandomTokensRecords(seed).any(); }
 * }
 * }</pre>
 */
public abstract class SchemaModuleContract {

    /** The module under test. */
    protected abstract SchemaModule module();

    /**
     * A record of one of the module's fact types, chosen and filled in from {@code seed} (the same seed gives
     * the same record), with its event id and occurred-at instant set. Over {@link #roundTripExamples()} seeds
     * the records must cover every fact table of the module; the kit records each and reads it back.
     */
    protected abstract FactRecord randomRecord(long seed);

    /** How many seeds {@link #recordsReadBackEqualAndCoverEveryFactTable()} tries; 200 by default. */
    protected int roundTripExamples() {
        return 200;
    }

    /**
     * Other modules that may be installed beside this one (not its dependencies): the kit installs each
     * alone and checks that it creates no database object this module creates.
     */
    protected List<SchemaModule> neighbours() {
        return List.of();
    }

    /** Modules the module under test needs besides core. */
    protected List<SchemaModule> dependencies() {
        return List.of();
    }

    @TempDir
    protected Path contractDir;

    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern WRITE_DML = Pattern.compile("\\b(UPDATE|DELETE)\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern CREATE = Pattern.compile(
            "\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMP(?:ORARY)?\\s+)?"
                    + "(TABLE|VIEW|MACRO|FUNCTION|SEQUENCE|(?:UNIQUE\\s+)?INDEX|TYPE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "(?:main\\.)?\"?([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    private AgentStore open(Path file, boolean withModule) {
        AgentStore.Builder b = AgentStore.builder().path(file);
        dependencies().forEach(b::install);
        if (withModule) {
            b.install(module());
        }
        return b.build();
    }

    /**
     * Every object of the catalog (tables, views, macros, sequences, indexes, types) as {@code kind name}, with
     * its definition.
     */
    private static Map<String, String> catalog(AgentStore store) {
        Map<String, String> result = new TreeMap<>();
        store.sql("SELECT 'table ' || table_name AS k, sql AS d FROM duckdb_tables() WHERE schema_name = 'main'"
                        + " UNION ALL SELECT 'view ' || view_name, sql FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal"
                        + " UNION ALL SELECT 'macro ' || function_name, string_agg(coalesce(macro_definition, ''), ' | '"
                        + "   ORDER BY coalesce(macro_definition, '')) FROM duckdb_functions() WHERE schema_name = 'main'"
                        + "   AND function_type IN ('macro', 'table_macro') AND NOT internal GROUP BY function_name"
                        + " UNION ALL SELECT 'sequence ' || sequence_name, sql FROM duckdb_sequences() WHERE schema_name = 'main'"
                        + " UNION ALL SELECT 'index ' || index_name, sql FROM duckdb_indexes() WHERE schema_name = 'main'"
                        + " UNION ALL SELECT 'type ' || type_name, logical_type FROM duckdb_types() WHERE schema_name = 'main'"
                        + "   AND NOT internal")
                .rows()
                .forEach(r -> result.put(r.string("k"), String.valueOf(r.get("d"))));
        return result;
    }

    /** The objects a module's scripts create, by name (lower case), parsed from the scripts. */
    private Set<String> createdByScripts(SchemaModule m) {
        Set<String> names = new TreeSet<>();
        List<String> files = new ArrayList<>();
        m.migrations().forEach(x -> files.add(x.fileName()));
        files.addAll(m.repeatables());
        for (String f : files) {
            java.util.regex.Matcher matcher = CREATE.matcher(stripComments(script(m, f)));
            while (matcher.find()) {
                names.add(matcher.group(2).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    /** The catalog objects {@code m} adds to a store with only its dependencies (core and {@link #dependencies()}). */
    private Map<String, String> objectsAddedBy(SchemaModule m, String name) {
        Map<String, String> before;
        AgentStore.Builder base = AgentStore.builder().path(contractDir.resolve(name + "-base.duckdb"));
        dependencies().stream().filter(d -> !d.id().equals(m.id())).forEach(base::install);
        try (AgentStore store = base.build()) {
            before = catalog(store);
        }
        AgentStore.Builder full = AgentStore.builder().path(contractDir.resolve(name + "-alone.duckdb"));
        dependencies().stream().filter(d -> !d.id().equals(m.id())).forEach(full::install);
        if (!m.id().equals("core")) {
            full.install(m);
        }
        try (AgentStore store = full.build()) {
            Map<String, String> after = catalog(store);
            if (m.id().equals("core")) {
                return after;
            }
            before.forEach((k, definition) -> assertThat(after.get(k))
                    .as("module %s redefines %s, which a module it requires created", m.id(), k)
                    .isEqualTo(definition));
            after.keySet().removeAll(before.keySet());
            return after;
        }
    }

    /** table name → ordered column name → DuckDB type, for base tables. */
    private static Map<String, Map<String, String>> tables(AgentStore store) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (Row r : store.sql("SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
                        + " JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema"
                        + " WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE'"
                        + " ORDER BY c.table_name, c.ordinal_position")
                .rows()) {
            result.computeIfAbsent(r.string("table_name"), k -> new LinkedHashMap<>())
                    .put(r.string("column_name"), r.string("data_type"));
        }
        return result;
    }

    private static Set<String> views(AgentStore store) {
        Set<String> result = new TreeSet<>();
        store.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
                        + " AND table_type = 'VIEW'")
                .rows()
                .forEach(r -> result.add(r.string("table_name")));
        return result;
    }

    /**
     * The tables of {@link #ownTables()} by test class, module and dependencies: four checks read them, and
     * finding them migrates two new stores, so each test class does it once.
     */
    private static final Map<String, Map<String, Map<String, String>>> OWN_TABLES = new ConcurrentHashMap<>();

    /** The tables this module adds (on top of its dependencies), found once per test class and module. */
    private Map<String, Map<String, String>> ownTables() {
        StringBuilder key = new StringBuilder(getClass().getName()).append(' ').append(module().id());
        dependencies().forEach(d -> key.append(' ').append(d.id()));
        return OWN_TABLES.computeIfAbsent(key.toString(), k -> findOwnTables());
    }

    private Map<String, Map<String, String>> findOwnTables() {
        Map<String, Map<String, String>> before = Map.of();
        if (!module().id().equals("core")) {
            try (AgentStore base = open(contractDir.resolve("base.duckdb"), false)) {
                before = tables(base);
            }
        }
        try (AgentStore full = open(contractDir.resolve("full.duckdb"), true)) {
            Map<String, Map<String, String>> after = tables(full);
            after.keySet().removeAll(before.keySet());
            Map<String, Map<String, String>> copy = new LinkedHashMap<>();
            after.forEach((t, columns) -> copy.put(t, Collections.unmodifiableMap(new LinkedHashMap<>(columns))));
            return Collections.unmodifiableMap(copy);
        }
    }

    @Test
    void listedScriptsAreTheScriptsShipped() throws Exception {
        Set<String> listed = new TreeSet<>();
        module().migrations().forEach(m -> listed.add(m.fileName()));
        listed.addAll(module().repeatables());
        assertThat(shippedScripts())
                .as("SQL files under %s", module().resourceRoot())
                .isEqualTo(listed);
    }

    @Test
    void versionsAreContiguousFromOne() {
        List<Migration> migrations = module().migrations();
        assertThat(migrations).isNotEmpty();
        for (int i = 0; i < migrations.size(); i++) {
            assertThat(migrations.get(i).version())
                    .as(migrations.get(i).fileName())
                    .isEqualTo(i + 1);
        }
        module().repeatables().forEach(r -> assertThat(r).matches("R__[A-Za-z0-9_]+\\.sql"));
    }

    @Test
    void applyingThenReopeningIsANoOp() {
        Path file = contractDir.resolve("reopen.duckdb");
        Map<String, Map<String, String>> first;
        Set<String> firstViews;
        long history;
        try (AgentStore store = open(file, true)) {
            first = tables(store);
            firstViews = views(store);
            history = store.sql("SELECT count(*) AS n FROM agent_store_schema_history")
                    .rows()
                    .get(0)
                    .int64("n");
            assertThat(store.sql(
                                    "SELECT count(*) AS n FROM agent_store_schema_history WHERE module_id = ?",
                                    module().id())
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(module().migrations().size()
                            + module().repeatables().size());
        }
        try (AgentStore store = open(file, true)) {
            assertThat(tables(store)).isEqualTo(first);
            assertThat(views(store)).isEqualTo(firstViews);
            assertThat(store.sql("SELECT count(*) AS n FROM agent_store_schema_history")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .as("history rows after re-open")
                    .isEqualTo(history);
        }
    }

    @Test
    void namesAndTypesFollowTheConventions() {
        Map<String, Map<String, String>> own = ownTables();
        assertThat(own).as("tables of module %s", module().id()).isNotEmpty();
        own.forEach((table, columns) -> {
            assertThat(table).as("table name").matches(SNAKE);
            assertThat(table.startsWith("dim_")
                            || table.startsWith("fact_")
                            || table.endsWith("_map")
                            || table.startsWith("agg_")
                            || table.startsWith("agent_store_"))
                    .as("table %s is dim_*, fact_*, *_map, agg_* (a rollup the writer keeps) or agent_store_*", table)
                    .isTrue();
            columns.forEach((column, type) -> {
                String where = table + "." + column;
                assertThat(column).as("column name %s", where).matches(SNAKE);
                if (column.endsWith("_at")) {
                    assertThat(type).as(where).isEqualTo("TIMESTAMP WITH TIME ZONE");
                }
                if (column.endsWith("_ms") || column.endsWith("_tokens") || column.endsWith("_key")) {
                    assertThat(type).as(where).isEqualTo("BIGINT");
                }
                if (column.endsWith("_usd")) {
                    assertThat(type).as(where).isEqualTo("DECIMAL(18,6)");
                }
                if (column.startsWith("is_")) {
                    assertThat(type).as(where).isEqualTo("BOOLEAN");
                }
            });
            if (table.startsWith("dim_")) {
                String key = table.substring(4) + "_key";
                assertThat(columns.keySet().iterator().next())
                        .as("first column of %s", table)
                        .isEqualTo(key);
                assertThat(columns.containsKey("first_seen_at")
                                || columns.keySet().containsAll(List.of("valid_from", "valid_to", "is_current")))
                        .as("%s is type 1 (first_seen_at) or type 2 (valid_from, valid_to, is_current)", table)
                        .isTrue();
            }
        });
    }

    @Test
    void everyFactTableHasTheEnvelope() {
        ownTables().forEach((table, columns) -> {
            if (!table.startsWith("fact_")) {
                return;
            }
            List<String> names = new ArrayList<>(columns.keySet());
            assertThat(names.subList(0, 4))
                    .as("first columns of %s", table)
                    .containsExactly("event_id", "occurred_at", "recorded_at", "supersedes_event_id");
            assertThat(names.get(names.size() - 1))
                    .as("last column of %s", table)
                    .isEqualTo("attributes");
            assertThat(columns.get("event_id")).isEqualTo("UUID");
            assertThat(columns.get("supersedes_event_id")).isEqualTo("UUID");
            assertThat(columns.get("attributes")).isEqualTo("JSON");
        });
    }

    @Test
    void versionedScriptsNeitherUpdateNorDelete() {
        for (Migration m : module().migrations()) {
            String sql = stripComments(script(m.fileName()));
            assertThat(WRITE_DML.matcher(sql).find())
                    .as("%s contains UPDATE or DELETE", m.fileName())
                    .isFalse();
        }
    }

    @Test
    void viewsAreNamedV() {
        try (AgentStore store = open(contractDir.resolve("views.duckdb"), true)) {
            views(store)
                    .forEach(v -> assertThat(v).as("view name").startsWith("v_").matches(SNAKE));
        }
    }

    /** The text of one of the module's scripts, from the classpath. */
    private String script(String fileName) {
        return script(module(), fileName);
    }

    private static String script(SchemaModule m, String fileName) {
        String resource = m.resourceRoot() + fileName;
        try (InputStream in = m.getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("script " + resource + " of module " + m.id() + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyFactTableHasAWriterAndAView() {
        Map<String, Map<String, String>> own = ownTables();
        try (AgentStore store = open(contractDir.resolve("writers.duckdb"), true)) {
            Map<String, String> writers = store.factTables();
            Set<String> views = views(store);
            own.keySet().stream().filter(t -> t.startsWith("fact_")).forEach(table -> {
                assertThat(writers)
                        .as(
                                "fact table %s of module %s has a writer registered through"
                                        + " ModuleBinder.fact (AgentStore.factTables())",
                                table, module().id())
                        .containsKey(table);
                assertThat(writers.get(table)).as("the view of %s", table).startsWith("v_");
                assertThat(views)
                        .as("the view %s that reads %s back exists", writers.get(table), table)
                        .contains(writers.get(table));
            });
        }
    }

    @Test
    void recordsReadBackEqualAndCoverEveryFactTable() {
        Set<String> ownFacts = new TreeSet<>();
        ownTables().keySet().stream().filter(t -> t.startsWith("fact_")).forEach(ownFacts::add);
        try (AgentStore store = open(contractDir.resolve("roundtrip.duckdb"), true)) {
            // every record through record(), each call durable on its own; then every one read back (a find
            // after each record would make each record a load into DuckDB of its own: 200 commits per module)
            List<FactRecord> recorded = new ArrayList<>();
            for (long seed = 0; seed < roundTripExamples(); seed++) {
                FactRecord record = randomRecord(seed);
                assertThat(record).as("randomRecord(%d)", seed).isNotNull();
                assertThat(record.eventId())
                        .as("event id of randomRecord(%d)", seed)
                        .isNotNull();
                assertThat(record.occurredAt())
                        .as("occurredAt of randomRecord(%d)", seed)
                        .isNotNull();
                UUID id = store.record(record);
                assertThat(id).as("id of randomRecord(%d)", seed).isEqualTo(record.eventId());
                recorded.add(record);
            }
            for (int seed = 0; seed < recorded.size(); seed++) {
                FactRecord record = recorded.get(seed);
                assertThat(store.find(record.getClass(), record.eventId()).map(Object.class::cast))
                        .as("randomRecord(%d) read back", seed)
                        .contains(record);
            }
            for (String table : ownFacts) {
                assertThat(store.sql("SELECT count(*) AS n FROM " + table)
                                .rows()
                                .get(0)
                                .int64("n"))
                        .as(
                                "rows of %s after %d random records: the generator covers every fact table",
                                table, roundTripExamples())
                        .isPositive();
            }
        }
    }

    @Test
    void noDatabaseObjectIsCreatedByTwoModules() {
        Map<String, String> mine = objectsAddedBy(module(), "self");
        assertThat(mine).as("objects module %s creates", module().id()).isNotEmpty();
        Set<String> myNames = createdByScripts(module());
        for (SchemaModule dependency : dependencies()) {
            Set<String> shared = new TreeSet<>(createdByScripts(dependency));
            shared.retainAll(myNames);
            assertThat(shared)
                    .as("objects created by the scripts of both %s and %s", module().id(), dependency.id())
                    .isEmpty();
        }
        if (!module().id().equals("core")) {
            Set<String> shared = new TreeSet<>(createdByScripts(io.agentstore.core.CoreModule.create()));
            shared.retainAll(myNames);
            assertThat(shared)
                    .as("objects created by the scripts of both %s and core", module().id())
                    .isEmpty();
        }
        for (SchemaModule neighbour : neighbours()) {
            Set<String> shared = new TreeSet<>(
                    objectsAddedBy(neighbour, "n-" + neighbour.id()).keySet());
            shared.retainAll(mine.keySet());
            assertThat(shared)
                    .as("objects created by both %s and %s", module().id(), neighbour.id())
                    .isEmpty();
        }
    }

    private static String stripComments(String sql) {
        return sql.replaceAll("--[^\n]*", "").replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("'(?:[^']|'')*'", "''");
    }

    private Set<String> shippedScripts() throws IOException, URISyntaxException {
        Set<String> found = new TreeSet<>();
        String root = module().resourceRoot();
        Enumeration<URL> urls = module().getClass().getClassLoader().getResources(root);
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            if (url.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".sql"))
                            .forEach(found::add);
                }
            } else if (url.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                try (JarFile jar = connection.getJarFile()) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (name.startsWith(root) && name.endsWith(".sql") && name.indexOf('/', root.length()) < 0) {
                            found.add(name.substring(root.length()));
                        }
                    }
                }
            }
        }
        return found;
    }
}
