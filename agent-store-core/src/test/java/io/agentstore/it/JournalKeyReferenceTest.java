package io.agentstore.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.spi.Row;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fact type that passes the key of one dimension as an attribute of another (the audit module fills
 * {@code dim_session.user_key} with a {@code dim_user} key): through the write journal, where keys are resolved
 * only when the row is loaded, the second lookup gets the first one's real key, in every durability.
 */
class JournalKeyReferenceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Durability.class)
    void aKeyPassedToAnotherLookupIsTheRealKey(Durability durability) {
        Path db = dir.resolve("keys-" + durability + ".duckdb");
        try (AgentStore store = AgentStore.builder()
                .path(db)
                .install(new ProbeModule())
                .durability(durability)
                .build()) {
            store.record(ProbeModule.Probe.of("warm-up-tool", "plain"));
            store.recordAll(List.of(
                    ProbeModule.Probe.of("tool-a", "session-of-tool:a"),
                    ProbeModule.Probe.of("tool-b", "session-of-tool:b")));
            store.flush();
            List<Row> rows = store.sql("SELECT s.session_id, s.user_key, t.tool_key FROM dim_session s JOIN dim_tool t"
                            + " ON t.tool_name = 'tool-' || substr(s.session_id, 17) ORDER BY s.session_id")
                    .rows();
            assertThat(rows).hasSize(2);
            for (Row r : rows) {
                assertThat(r.int64("user_key"))
                        .as("user_key of %s", r.string("session_id"))
                        .isNotNull()
                        .isEqualTo(r.int64("tool_key"));
            }
        }
    }
}
