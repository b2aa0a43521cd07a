package io.agentstore.tokens;

import static io.agentstore.tokens.Stores.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Context windows: overflows, what gets dropped, overflow prediction, component measurement and token usage. */
class ContextTest {
    private final MutableClock clock = MutableClock.at("2025-06-15T12:00:00Z");

    @RegisterExtension
    final StoreExtension stores = Stores.store(clock);

    private AgentStore store;
    private TokensFacade tokens;

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        store = stores.get();
        tokens = TokensModule.of(store);
    }

    @Test
    void overflowsTakeTheirWindowFromThePriceTableAndShowWhatWasDropped() {
        UUID first = tokens.recordOverflow(ContextOverflow.builder()
                .sessionId("s1")
                .model("claude-sonnet-4-5-20250929")
                .occurredAt(Instant.parse("2025-06-14T10:00:00Z"))
                .tokensAtOverflow(180_000)
                .tokensAfter(40_000L)
                .dropped("skills/pdf/SKILL.md", "docs/api.md")
                .compacted("auto")
                .build());
        tokens.recordOverflow(ContextOverflow.builder()
                .sessionId("s2")
                .model("claude-sonnet-4-5-20250929")
                .occurredAt(Instant.parse("2025-06-14T18:00:00Z"))
                .tokensAtOverflow(190_000)
                .dropped("skills/pdf/SKILL.md")
                .compacted("manual")
                .build());
        tokens.recordOverflow(ContextOverflow.builder()
                .sessionId("s3")
                .model("mystery-model")
                .occurredAt(Instant.parse("2025-06-15T09:00:00Z"))
                .tokensAtOverflow(30_000)
                .build());
        ContextOverflow read = store.find(ContextOverflow.class, first).orElseThrow();
        // claude-sonnet-4-5-20250929 has a 200,000-token window in the bundled table
        assertThat(read.contextWindowTokens()).isEqualTo(200_000L);
        assertThat(read.droppedComponents()).containsExactly("skills/pdf/SKILL.md", "docs/api.md");
        assertThat(read.compactionTrigger()).isEqualTo("auto");
        assertThat(store.find(
                                ContextOverflow.class,
                                tokens.recordOverflow(ContextOverflow.builder()
                                        .model("mystery-model")
                                        .tokensAtOverflow(1)
                                        .build()))
                        .orElseThrow()
                        .contextWindowTokens())
                .isNull();

        List<Row> days =
                store.sql("SELECT * FROM v_overflow_frequency ORDER BY day").rows();
        assertThat(days).hasSize(2);
        assertThat(days.get(0).int64("overflows")).isEqualTo(2);
        assertThat(days.get(0).float64("avg_tokens_at_overflow")).isEqualTo(185_000.0);
        assertThat(days.get(0).int64("compactions")).isEqualTo(2);
        assertThat(days.get(0).int64("components_dropped")).isEqualTo(3);
        List<Row> dropped = store.sql("SELECT * FROM v_dropped_components ORDER BY times_dropped DESC")
                .rows();
        assertThat(dropped)
                .extracting(r -> r.string("component_name") + "=" + r.int64("times_dropped"))
                .containsExactly("skills/pdf/SKILL.md=2", "docs/api.md=1");
        assertThat(store.sql("SELECT window_utilization FROM v_context_overflows WHERE event_id = ?", first)
                        .single()
                        .orElseThrow()
                        .float64("window_utilization"))
                .isEqualTo(0.9);
    }

    @Test
    void predictionUsesTheWindowOrTheSizeAtWhichPastOverflowsHappened() {
        ContextWindow window = ContextWindow.of("claude-sonnet-4-5", 200_000, 150_000);
        OverflowPrediction fits = tokens.predictOverflow(window, 40_000);
        assertThat(fits.willOverflow()).isFalse();
        assertThat(fits.projectedTokens()).isEqualTo(190_000);
        assertThat(fits.effectiveLimitTokens()).isEqualTo(200_000);
        assertThat(fits.headroomTokens()).isEqualTo(10_000);
        assertThat(fits.projectedUtilization()).isEqualTo(0.95);
        assertThat(tokens.predictOverflow(window, 50_001).willOverflow()).isTrue();
        // compactions happened at 160k-185k on this window: the 10th percentile (160,000) becomes the limit
        for (long at : new long[] {185_000, 170_000, 160_000, 175_000, 180_000}) {
            tokens.recordOverflow(ContextOverflow.builder()
                    .model("claude-sonnet-4-5")
                    .contextWindowTokens(200_000L)
                    .tokensAtOverflow(at)
                    .compacted("auto")
                    .build());
        }
        OverflowPrediction learned = tokens.predictOverflow(window, 40_000);
        assertThat(learned.overflowsObserved()).isEqualTo(5);
        assertThat(learned.effectiveLimitTokens()).isEqualTo(160_000);
        assertThat(learned.willOverflow()).isTrue();
        assertThat(learned.headroomTokens()).isEqualTo(-30_000);
        // another model with the same window size has no history
        assertThat(tokens.predictOverflow(ContextWindow.of("other", 200_000, 0), 1)
                        .effectiveLimitTokens())
                .isEqualTo(200_000);
        // without a model every overflow of that window size counts
        assertThat(tokens.predictOverflow(ContextWindow.of(200_000, 0), 1).overflowsObserved())
                .isEqualTo(5);
        assertThatThrownBy(() -> tokens.predictOverflow(window, -1)).hasMessageContaining("plannedTokens");
    }

    @Test
    void aSessionsContextIsItsLatestCallsInputAndOutput() {
        store.recordAll(List.of(
                call("claude-opus-4-5-20251101", "2025-06-15T10:00:00Z")
                        .sessionId("s1")
                        .tokens(10, 500)
                        .cacheTokens(50_000, 2_000, 0)
                        .build(),
                call("claude-opus-4-5-20251101", "2025-06-15T10:05:00Z")
                        .sessionId("s1")
                        .tokens(20, 1_000)
                        .cacheTokens(52_000, 600, 0)
                        .build()));
        ContextWindow w = tokens.contextWindow("s1").orElseThrow();
        // 20 + 52,000 + 600 + 1,000 = 53,620 of claude-opus-4-5's 200,000
        assertThat(w).isEqualTo(ContextWindow.of("claude-opus-4-5-20251101", 200_000, 53_620));
        assertThat(tokens.predictOverflow("s1", 150_000))
                .get()
                .extracting(OverflowPrediction::willOverflow)
                .isEqualTo(true);
        assertThat(tokens.contextWindow("nobody")).isEmpty();
        store.record(call("mystery", "2025-06-15T10:00:00Z").sessionId("s9").build());
        assertThat(tokens.contextWindow("s9")).isEmpty();
    }

    @Test
    void measuringAFolderRecordsOnlyNewAndChangedFiles() throws IOException {
        Path skills = Files.createDirectories(dir.resolve("skills"));
        Files.createDirectories(skills.resolve("pdf"));
        Files.createDirectories(skills.resolve(".git"));
        // 3 lines, 6 words, 39 characters (13 + 1 + 22 + 1 + 1 + 1), 40 bytes (Å takes 2)
        Files.writeString(
                skills.resolve("pdf/SKILL.md"), "Extract text.\nUse pdftotext -layout.\nÅ\n", StandardCharsets.UTF_8);
        Files.writeString(skills.resolve("pdf/big.md"), "word ".repeat(4_000));
        Files.write(skills.resolve("pdf/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        Files.writeString(skills.resolve(".git/HEAD"), "ref: main");
        Files.writeString(skills.resolve(".hidden"), "x");

        MeasurementReport first = tokens.measureComponents(skills);
        assertThat(first.recorded())
                .extracting(m -> m.component().name())
                .containsExactly("skills/pdf/SKILL.md", "skills/pdf/big.md");
        assertThat(first.skipped())
                .containsExactly(skills.resolve("pdf/logo.png").toAbsolutePath().normalize());
        ComponentMeasurement skill = first.recorded().get(0);
        assertThat(skill.lineCount()).isEqualTo(3);
        assertThat(skill.wordCount()).isEqualTo(6);
        assertThat(skill.charCount()).isEqualTo(39);
        assertThat(skill.byteCount()).isEqualTo(40);
        // ceil(39 / 4) = 10
        assertThat(skill.estimatedTokens()).isEqualTo(10);
        assertThat(skill.component().type()).isEqualTo("skill");
        assertThat(skill.fileType()).isEqualTo("md");
        assertThat(skill.contentHash()).hasSize(64);

        MeasurementReport again = tokens.measureComponents(skills);
        assertThat(again.recorded()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(2);

        Files.writeString(skills.resolve("pdf/SKILL.md"), "Extract text with pdftotext.\n");
        clock.set("2025-06-16T12:00:00Z");
        MeasurementReport changed = tokens.measureComponents(skills);
        assertThat(changed.recorded()).extracting(m -> m.component().name()).containsExactly("skills/pdf/SKILL.md");
        assertThat(changed.unchanged()).isEqualTo(1);
        assertThat(store.sql("SELECT count(*) AS n FROM v_component_measurements")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(3);
        Row size = store.sql("SELECT * FROM v_component_sizes WHERE component_name = 'skills/pdf/SKILL.md'")
                .single()
                .orElseThrow();
        // 29 characters: ceil(29 / 4) = 8
        assertThat(size.int64("estimated_tokens")).isEqualTo(8);
        assertThat(size.instant("measured_at")).isEqualTo(Instant.parse("2025-06-16T12:00:00Z"));
        // big.md: 20,000 characters → 5,000 tokens, 1,000 over the default budget of 4,000
        Row over = store.sql("SELECT * FROM v_over_budget_components").single().orElseThrow();
        assertThat(over.string("component_name")).isEqualTo("skills/pdf/big.md");
        assertThat(over.int64("excess_tokens")).isEqualTo(1_000);
        assertThat(store.sql("SELECT count(*) AS n FROM tokens_over_budget(5)")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(2);
        assertThatThrownBy(() -> tokens.measureComponents(dir.resolve("nope"))).hasMessageContaining("directory");
    }

    @Test
    void tokenUsagePerComponentShowsWhatEatsTheContext() {
        store.recordAll(List.of(
                TokenUsage.builder()
                        .sessionId("s1")
                        .component("skills/pdf", "skill")
                        .invocationContext("skill_load")
                        .model("claude-sonnet-4-5-20250929")
                        .tokens(6_000, 0)
                        .occurredAt(Instant.parse("2025-06-14T00:00:00Z"))
                        .build(),
                TokenUsage.builder()
                        .sessionId("s1")
                        .component("skills/pdf", "skill")
                        .invocationContext("skill_load")
                        .model("claude-sonnet-4-5-20250929")
                        .tokens(TokenCounts.of(0, 0, 6_000, 0, 0))
                        .occurredAt(Instant.parse("2025-06-14T01:00:00Z"))
                        .build(),
                TokenUsage.builder()
                        .sessionId("s1")
                        .component("Bash", "tool")
                        .invocationContext("tool_result")
                        .tokens(2_000, 0)
                        .occurredAt(Instant.parse("2025-06-14T02:00:00Z"))
                        .build(),
                TokenUsage.builder()
                        .sessionId("s1")
                        .component("old", "doc")
                        .invocationContext("reference_inject")
                        .tokens(50_000, 0)
                        .occurredAt(Instant.parse("2025-05-01T00:00:00Z"))
                        .build()));
        List<Row> week = store.sql("SELECT * FROM v_context_consumers_7d ORDER BY total_input_tokens DESC")
                .rows();
        assertThat(week).extracting(r -> r.string("component_name")).containsExactly("skills/pdf", "Bash");
        assertThat(week.get(0).int64("total_input_tokens")).isEqualTo(12_000);
        assertThat(week.get(0).float64("share_of_input")).isEqualTo(12_000.0 / 14_000);
        // 6,000 × $3/M + 6,000 × $0.30/M = 0.018 + 0.0018; the Bash rows have no model, so no cost
        assertThat(week.get(0).decimal("cost_usd")).isEqualByComparingTo("0.0198");
        assertThat(week.get(1).decimal("cost_usd")).isNull();
        assertThat(store.sql("SELECT count(*) AS n FROM v_context_consumers")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(3);
        TokenUsage u = store.sql("SELECT * FROM v_token_usage WHERE component_name = 'Bash'").rows().stream()
                .map(io.agentstore.tokens.internal.TokensFactTypes.TOKEN_USAGE::read)
                .findFirst()
                .orElseThrow();
        assertThat(u.invocationContext()).isEqualTo("tool_result");
        assertThat(u.component()).isEqualTo(ComponentRef.of("Bash", "tool"));
        assertThatThrownBy(() -> TokenUsage.builder()
                        .component("x", null)
                        .invocationContext("lunch")
                        .build())
                .hasMessageContaining("invocationContext");
    }
}
