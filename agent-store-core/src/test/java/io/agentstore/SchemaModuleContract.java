package io.agentstore;

import io.agentstore.spi.Row;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.spi.SqlResources;
import io.agentstore.spi.Migration;
import io.agentstore.spi.SchemaModule;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compatibility kit every schema module's tests extend (in the manner of Micrometer's TCK): the
 * scripts listed are the scripts shipped, versions are contiguous, applying and re-opening is a no-op,
 * names and types follow the star-schema conventions, every fact table has the envelope columns, and no
 * versioned script updates or deletes rows.
 */
public abstract class SchemaModuleContract {

    /** The module under test. */
    protected abstract SchemaModule module();

    /** Modules the module under test needs besides core. */
    protected List<SchemaModule> dependencies() {
        return List.of();
    }

    @TempDir
    protected Path contractDir;

    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern WRITE_DML = Pattern.compile("\\b(UPDATE|DELETE)\\b", Pattern.CASE_INSENSITIVE);

    private AgentStore open(Path file, boolean withModule) {
        AgentStore.Builder b = AgentStore.builder().path(file);
        dependencies().forEach(b::install);
        if (withModule) {
            b.install(module());
        }
        return b.build();
    }

    /** table name → ordered column name → DuckDB type, for base tables. */
    private static Map<String, Map<String, String>> tables(AgentStore store) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (Row r : store.sql("SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
                + " JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema"
                + " WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE'"
                + " ORDER BY c.table_name, c.ordinal_position").rows()) {
            result.computeIfAbsent(r.string("table_name"), k -> new LinkedHashMap<>())
                    .put(r.string("column_name"), r.string("data_type"));
        }
        return result;
    }

    private static Set<String> views(AgentStore store) {
        Set<String> result = new TreeSet<>();
        store.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
                + " AND table_type = 'VIEW'").rows().forEach(r -> result.add(r.string("table_name")));
        return result;
    }

    /** The tables this module adds (on top of its dependencies). */
    private Map<String, Map<String, String>> ownTables() {
        Map<String, Map<String, String>> before = Map.of();
        if (!module().id().equals("core")) {
            try (AgentStore base = open(contractDir.resolve("base.duckdb"), false)) {
                before = tables(base);
            }
        }
        try (AgentStore full = open(contractDir.resolve("full.duckdb"), true)) {
            Map<String, Map<String, String>> after = tables(full);
            after.keySet().removeAll(before.keySet());
            return after;
        }
    }

    @Test
    void listedScriptsAreTheScriptsShipped() throws Exception {
        Set<String> listed = new TreeSet<>();
        module().migrations().forEach(m -> listed.add(m.fileName()));
        listed.addAll(module().repeatables());
        assertThat(shippedScripts()).as("SQL files under %s", module().resourceRoot()).isEqualTo(listed);
    }

    @Test
    void versionsAreContiguousFromOne() {
        List<Migration> migrations = module().migrations();
        assertThat(migrations).isNotEmpty();
        for (int i = 0; i < migrations.size(); i++) {
            assertThat(migrations.get(i).version()).as(migrations.get(i).fileName()).isEqualTo(i + 1);
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
            history = store.sql("SELECT count(*) AS n FROM agent_store_schema_history").rows().get(0).int64("n");
            assertThat(store.sql("SELECT count(*) AS n FROM agent_store_schema_history WHERE module_id = ?",
                    module().id()).rows().get(0).int64("n"))
                    .isEqualTo(module().migrations().size() + module().repeatables().size());
        }
        try (AgentStore store = open(file, true)) {
            assertThat(tables(store)).isEqualTo(first);
            assertThat(views(store)).isEqualTo(firstViews);
            assertThat(store.sql("SELECT count(*) AS n FROM agent_store_schema_history").rows().get(0).int64("n"))
                    .as("history rows after re-open").isEqualTo(history);
        }
    }

    @Test
    void namesAndTypesFollowTheConventions() {
        Map<String, Map<String, String>> own = ownTables();
        assertThat(own).as("tables of module %s", module().id()).isNotEmpty();
        own.forEach((table, columns) -> {
            assertThat(table).as("table name").matches(SNAKE);
            assertThat(table.startsWith("dim_") || table.startsWith("fact_") || table.endsWith("_map")
                    || table.startsWith("agent_store_"))
                    .as("table %s is dim_*, fact_*, *_map or agent_store_*", table).isTrue();
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
                assertThat(columns.keySet().iterator().next()).as("first column of %s", table).isEqualTo(key);
                assertThat(columns.containsKey("first_seen_at") || columns.keySet().containsAll(
                        List.of("valid_from", "valid_to", "is_current")))
                        .as("%s is type 1 (first_seen_at) or type 2 (valid_from, valid_to, is_current)", table).isTrue();
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
            assertThat(names.subList(0, 4)).as("first columns of %s", table)
                    .containsExactly("event_id", "occurred_at", "recorded_at", "supersedes_event_id");
            assertThat(names.get(names.size() - 1)).as("last column of %s", table).isEqualTo("attributes");
            assertThat(columns.get("event_id")).isEqualTo("UUID");
            assertThat(columns.get("supersedes_event_id")).isEqualTo("UUID");
            assertThat(columns.get("attributes")).isEqualTo("JSON");
        });
    }

    @Test
    void versionedScriptsNeitherUpdateNorDelete() {
        for (Migration m : module().migrations()) {
            String sql = stripComments(SqlResources.load(module(), m.fileName()));
            assertThat(WRITE_DML.matcher(sql).find()).as("%s contains UPDATE or DELETE", m.fileName()).isFalse();
        }
    }

    @Test
    void viewsAreNamedV() {
        try (AgentStore store = open(contractDir.resolve("views.duckdb"), true)) {
            views(store).forEach(v -> assertThat(v).as("view name").startsWith("v_").matches(SNAKE));
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
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).forEach(found::add);
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
