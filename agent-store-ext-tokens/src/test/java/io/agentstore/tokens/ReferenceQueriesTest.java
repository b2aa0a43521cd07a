package io.agentstore.tokens;

import static io.agentstore.tokens.Stores.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.AgentRef;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every reference query of {@code sql/queries/tokens/} runs against a store filled through the real writer,
 * and its answer is checked. The clock is 2025-06-20 12:00 UTC. acme-large costs $2/M input, $10/M output,
 * $0.20/M cache reads; acme-small $0.50/M input, $2.50/M output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceQueriesTest {
    @RegisterExtension
    static final StoreExtension STORES = Stores.store(MutableClock.at("2025-06-20T12:00:00Z"));

    private AgentStore store;
    private TokensFacade tokens;

    @BeforeAll
    void fill() {
        store = STORES.get();
        tokens = TokensModule.of(store);
        tokens.recordPrices(List.of(Stores.acmeLarge(Instant.EPOCH), Stores.acmeSmall(Instant.EPOCH)));
        TaskRef t1 = new TaskRef("T1", "fix the parser", "debug");
        TaskRef t2 = new TaskRef("T2", "review", "review");
        store.recordAll(List.of(
                // 100,000 × $2/M = 0.2
                call("acme-large", "2025-06-19T09:00:00Z")
                        .sessionId("s1")
                        .agent("main")
                        .task(t1)
                        .tokens(100_000, 0)
                        .build(),
                // 10,000 × $2/M + 1,000 × $10/M + 90,000 × $0.20/M = 0.02 + 0.01 + 0.018 = 0.048
                call("acme-large", "2025-06-19T10:00:00Z")
                        .sessionId("s1")
                        .agent("main")
                        .task(t1)
                        .tokens(10_000, 1_000)
                        .cacheTokens(90_000, 0, 0)
                        .build(),
                // 20,000 × $0.50/M + 2,000 × $2.50/M = 0.01 + 0.005 = 0.015
                call("acme-small", "2025-06-20T08:00:00Z")
                        .sessionId("s2")
                        .agent("reviewer")
                        .task(t2)
                        .tokens(20_000, 2_000)
                        .build(),
                // outside every 30-day window
                call("acme-large", "2025-04-01T00:00:00Z")
                        .sessionId("s0")
                        .agent("main")
                        .tokens(1_000_000, 0)
                        .build()));
        store.recordAll(List.of(
                TokenUsage.builder()
                        .sessionId("s1")
                        .task(t1)
                        .component("skills/pdf", "skill")
                        .invocationContext("skill_load")
                        .tokens(8_000, 0)
                        .occurredAt(Instant.parse("2025-06-19T09:00:00Z"))
                        .build(),
                TokenUsage.builder()
                        .sessionId("s1")
                        .task(t1)
                        .component("Bash", "tool")
                        .invocationContext("tool_call")
                        .tokens(2_000, 0)
                        .occurredAt(Instant.parse("2025-06-19T09:10:00Z"))
                        .build(),
                TokenUsage.builder()
                        .sessionId("s0")
                        .component("docs/old.md", "doc")
                        .invocationContext("reference_inject")
                        .tokens(50_000, 0)
                        .occurredAt(Instant.parse("2025-05-01T00:00:00Z"))
                        .build()));
        store.recordAll(List.of(
                measurement("skills/pdf", "skill", 5_000),
                measurement("skills/small", "skill", 100),
                measurement("docs/x.md", "doc", 9_000)));
        tokens.recordOverflow(ContextOverflow.builder()
                .sessionId("s1")
                .model("acme-large")
                .occurredAt(Instant.parse("2025-06-19T11:00:00Z"))
                .tokensAtOverflow(180_000)
                .dropped("skills/pdf")
                .compacted("auto")
                .build());
        tokens.recordOverflow(ContextOverflow.builder()
                .sessionId("s2")
                .model("acme-large")
                .occurredAt(Instant.parse("2025-06-18T11:00:00Z"))
                .tokensAtOverflow(190_000)
                .dropped("skills/pdf", "docs/x.md")
                .build());
        store.recordAll(List.of(
                CommandRun.builder()
                        .command("core:status")
                        .model("acme-small")
                        .tokens(10_000, 500)
                        .durationMs(1_000L)
                        .occurredAt(Instant.parse("2025-06-19T08:00:00Z"))
                        .build(),
                CommandRun.builder()
                        .command("core:sync")
                        .model("acme-large")
                        .tokens(5_000, 300)
                        .durationMs(2_000L)
                        .occurredAt(Instant.parse("2025-06-19T09:00:00Z"))
                        .build()));
        // s1 costs 0.248: skills/pdf brought 8,000 of its 10,000 component tokens (0.8), Bash 2,000 (0.2)
        tokens.allocateSessionCost("s1");
        store.record(CostAllocation.builder()
                .sessionId("s1")
                .task(t1)
                .component(ComponentRef.of("skills/pdf"))
                .amount(new BigDecimal("0.5"))
                .method("estimated")
                .build());
        store.record(TaskOutcome.builder()
                .task(t1)
                .agent(AgentRef.of("main"))
                .success(true)
                .finalStatus("completed")
                .build());
    }

    private static ComponentMeasurement measurement(String name, String type, long tokens) {
        return ComponentMeasurement.builder()
                .component(new ComponentRef(name, type, "/repo/" + name))
                .sizes(1, 1, tokens * 4, tokens * 4)
                .estimatedTokens(tokens, "chars/4")
                .contentHash("h-" + name)
                .occurredAt(Instant.parse("2025-06-10T00:00:00Z"))
                .build();
    }

    private List<Row> run(String name, Object... params) {
        return store.sql(TokensFacade.query(name), params).rows();
    }

    private static List<String> column(List<Row> rows, String column) {
        return rows.stream().map(r -> String.valueOf(r.get(column))).toList();
    }

    private static String money(Row r, String column) {
        BigDecimal d = r.decimal(column);
        return d == null ? "null" : d.stripTrailingZeros().toPlainString();
    }

    /** Query file → what its answer must be. */
    private Map<String, Consumer<String>> cases() {
        Map<String, Consumer<String>> c = new TreeMap<>();
        c.put("what_is_eating_my_context_7d.sql", q -> {
            List<Row> rows = run(q);
            assertThat(column(rows, "component_name")).containsExactly("skills/pdf", "Bash");
            assertThat(rows.get(0).float64("share_of_input")).isEqualTo(0.8);
        });
        c.put(
                "over_budget_skills.sql",
                q -> assertThat(column(run(q, 4_000), "component_name")).containsExactly("skills/pdf"));
        c.put("token_efficiency_30d.sql", q -> {
            List<Row> rows = run(q);
            assertThat(column(rows, "agent_name")).containsExactly("reviewer", "main");
            // reviewer: 2,000 / 20,000; main: 1,000 / 200,000 (the April call is older than 30 days)
            assertThat(rows.get(0).float64("output_per_input")).isEqualTo(0.1);
            assertThat(rows.get(1).float64("output_per_input")).isEqualTo(0.005);
        });
        c.put(
                "overflow_frequency_30d.sql",
                q -> assertThat(column(run(q), "overflows")).containsExactly("1", "1"));
        c.put("most_dropped_components.sql", q -> {
            List<Row> rows = run(q);
            assertThat(column(rows, "component_name")).containsExactly("skills/pdf", "docs/x.md");
            assertThat(column(rows, "times_dropped")).containsExactly("2", "1");
            assertThat(rows.get(0).string("component_type")).isEqualTo("skill");
        });
        c.put("cost_per_agent_30d.sql", q -> {
            List<Row> rows = run(q);
            assertThat(column(rows, "agent_name")).containsExactly("main", "reviewer");
            assertThat(money(rows.get(0), "total_cost_usd")).isEqualTo("0.248");
            assertThat(money(rows.get(0), "avg_cost_per_call_usd")).isEqualTo("0.124");
        });
        c.put("cost_per_task_type_30d.sql", q -> {
            List<Row> rows = run(q);
            assertThat(column(rows, "task_type")).containsExactly("debug", "review");
            assertThat(money(rows.get(0), "cost_per_session_usd")).isEqualTo("0.248");
        });
        c.put("cache_hit_rate_30d.sql", q -> {
            List<Row> rows = run(q);
            assertThat(column(rows, "day")).containsExactly("2025-06-19", "2025-06-20");
            // 90,000 of 200,000 input tokens; saving 90,000 × ($2 − $0.20)/M = 0.162
            assertThat(rows.get(0).float64("cache_hit_rate")).isEqualTo(0.45);
            assertThat(money(rows.get(0), "cache_saving_usd")).isEqualTo("0.162");
        });
        c.put("cache_hit_rate_since.sql", q -> {
            Row r = run(q, Instant.parse("2025-06-19T00:00:00Z")).get(0);
            assertThat(r.int64("calls")).isEqualTo(3);
            assertThat(r.float64("cache_hit_rate")).isEqualTo(90_000.0 / 220_000);
        });
        c.put("expensive_components_relative_to_value.sql", q -> {
            List<Row> rows = run(q, 0);
            // skills/pdf: 0.8 × 0.248 + 0.5 = 0.6984 for task T1, which succeeded
            Row pdf = rows.stream()
                    .filter(r -> r.string("component_name").equals("skills/pdf"))
                    .findFirst()
                    .orElseThrow();
            assertThat(money(pdf, "total_cost_usd")).isEqualTo("0.6984");
            assertThat(pdf.float64("success_rate")).isEqualTo(1.0);
            assertThat(money(pdf, "cost_per_success_usd")).isEqualTo("0.6984");
            assertThat(run(q, 5)).isEmpty();
        });
        c.put("model_routing_savings.sql", q -> {
            List<Row> rows = run(q);
            assertThat(column(rows, "model_name")).containsExactly("acme-large", "acme-small");
            // core:status on acme-small would cost 10,000 × $2/M + 500 × $10/M = 0.025 on acme-large;
            // it cost 0.005 + 0.00125 = 0.00625: saving 0.01875
            assertThat(money(rows.get(1), "saving_usd")).isEqualTo("0.01875");
        });
        c.put(
                "recent_commands_with_model.sql",
                q -> assertThat(column(run(q, 1), "command")).containsExactly("core:sync"));
        c.put("daily_cost_by_model.sql", q -> {
            List<Row> rows = run(q);
            assertThat(column(rows, "day")).containsExactly("2025-04-01", "2025-06-19", "2025-06-20");
            assertThat(money(rows.get(1), "cost_usd")).isEqualTo("0.248");
            assertThat(rows.get(1).int64("cache_read_tokens")).isEqualTo(90_000);
        });
        c.put("five_hour_windows.sql", q -> {
            List<Row> rows = run(q);
            assertThat(column(rows, "window_start"))
                    .containsExactly("2025-04-01T00:00:00Z", "2025-06-19T09:00:00Z", "2025-06-20T08:00:00Z");
            assertThat(rows.get(2).bool("is_active")).isTrue();
        });
        c.put("budget_period_usage.sql", q -> {
            Row r = run(q, Instant.parse("2025-06-19T00:00:00Z"), Instant.parse("2025-06-20T00:00:00Z"))
                    .get(0);
            assertThat(r.int64("calls")).isEqualTo(2);
            assertThat(r.int64("total_tokens")).isEqualTo(201_000);
            assertThat(money(r, "cost_usd")).isEqualTo("0.248");
        });
        c.put("budget_session_usage.sql", q -> {
            Row r = run(q, "s2").get(0);
            assertThat(money(r, "cost_usd")).isEqualTo("0.015");
            assertThat(r.instant("first_call_at")).isEqualTo(Instant.parse("2025-06-20T08:00:00Z"));
        });
        c.put("budget_component_usage.sql", q -> {
            Row r = run(q, "skills/pdf", Instant.parse("2025-06-20T12:00:00Z")).get(0);
            assertThat(r.int64("measured_tokens")).isEqualTo(5_000);
            assertThat(r.int64("tokens_7d")).isEqualTo(8_000);
            assertThat(money(r, "allocated_cost_usd")).isEqualTo("0.6984");
        });
        c.put("session_context.sql", q -> {
            Row r = run(q, "s1").get(0);
            // the latest call of s1: 10,000 + 90,000 + 1,000; acme-large holds 1,000,000
            assertThat(r.int64("context_tokens")).isEqualTo(101_000);
            assertThat(r.int64("max_input_tokens")).isEqualTo(1_000_000);
        });
        c.put("overflow_history.sql", q -> {
            Row r = run(q, 1_000_000L, "acme-large").get(0);
            assertThat(r.int64("overflows")).isEqualTo(2);
            assertThat(r.int64("p10_tokens_at_overflow")).isEqualTo(180_000);
            assertThat(run(q, 1_000_000L, null).get(0).int64("overflows")).isEqualTo(2);
        });
        c.put("cost_report.sql", q -> {
            List<Row> rows =
                    run(q, "agent", Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"));
            assertThat(column(rows, "bucket")).containsExactly("main", "reviewer");
        });
        c.put("expensive_model_on_simple_commands.sql", q -> {
            List<Row> rows = run(q, Instant.parse("2025-06-01T00:00:00Z"), 2_000);
            assertThat(column(rows, "command")).containsExactly("core:sync");
            // 5,000 × ($2 − $0.50)/M + 300 × ($10 − $2.50)/M = 0.0075 + 0.00225 = 0.00975
            assertThat(money(rows.get(0), "saving_usd")).isEqualTo("0.00975");
        });
        c.put("price_for_model.sql", q -> {
            List<Row> rows = run(q, "acme/acme-large", null, Instant.parse("2025-06-20T00:00:00Z"));
            assertThat(column(rows, "model_name")).containsExactly("acme-large");
            assertThat(column(rows, "match_rule")).containsExactly("prefix_stripped");
        });
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceQueryRunsAndAnswersRight() throws IOException, URISyntaxException {
        Map<String, Consumer<String>> cases = cases();
        URL folder = getClass().getClassLoader().getResource("agent-store/queries/tokens/");
        assertThat(folder).isNotNull();
        Set<String> shipped = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .forEach(shipped::add);
        }
        assertThat(cases.keySet())
                .as("a case for every query in sql/queries/tokens/")
                .isEqualTo(shipped);
        return cases.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> e.getValue().accept(e.getKey())));
    }
}
