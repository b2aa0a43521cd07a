package io.agentstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the benchmark honest: at a tiny scale every contender loads the whole workload, and every one's
 * answers to the reference queries must equal the answers computed from the workload itself (so also each
 * other's). Times are not asserted.
 */
class ComparisonTest {
    @TempDir
    Path work;

    @Test
    void everyContenderAnswersLikeTheWorkload() throws Exception {
        Comparison.Settings settings =
                new Comparison.Settings(7, 8, List.of(1), 120, 1, 1, 120, List.of(), work, false);
        List<Comparison.ScaleResult> results = new Comparison(settings, line -> {}).run();

        Comparison.ScaleResult r = results.get(0);
        assertThat(r.events()).isEqualTo(8L * Workload.EVENTS_PER_SESSION);
        assertThat(r.contenders())
                .extracting(Comparison.ContenderResult::name)
                .containsExactlyElementsOf(Comparison.contenderNames());
        for (Comparison.ContenderResult c : r.contenders()) {
            assertThat(c.events()).as(c.name() + " events").isEqualTo(r.events());
            assertThat(c.answersChecked()).as(c.name() + " answers checked").isTrue();
            assertThat(c.mismatches()).as(c.name() + " answers").isEmpty();
            assertThat(c.bytes()).as(c.name() + " bytes").isPositive();
        }
        assertThat(r.get("agent-store-async").queryMillis()).hasSize(Query.values().length);
        Report report = new Report(Machine.current(), settings, results);
        assertThat(report.answersMatch()).isTrue();
        assertThat(report.markdown()).contains("| agent-store-async |", "all match");
    }

    @Test
    void theWorkloadIsDeterministicAndHasItsShape() {
        Workload a = Workload.of(11, 50);
        Workload b = Workload.of(11, 50);
        assertThat(a.atMicros).isEqualTo(b.atMicros);
        assertThat(a.idLo).isEqualTo(b.idLo);
        assertThat(a.file).isEqualTo(b.file);
        assertThat(a.sessionIds).isEqualTo(b.sessionIds);
        long tools = 0;
        long failures = 0;
        long withPath = 0;
        long hot = 0;
        for (int e = 0; e < a.events(); e++) {
            if (a.kind[e] == Workload.TOOL) {
                tools++;
                failures += a.error[e] >= 0 ? 1 : 0;
                withPath += a.file[e] >= 0 ? 1 : 0;
                hot += a.file[e] == 0 ? 1 : 0;
            } else {
                // below the 200k-token price tier, so every contender prices alike
                assertThat((long) a.v0[e] + a.v2[e] + a.v3[e] + a.v4[e]).isLessThan(200_000);
            }
        }
        assertThat(tools).isEqualTo(50L * Workload.TOOL_CALLS_PER_SESSION);
        assertThat(failures).isBetween(tools / 40, tools / 10);
        assertThat(hot).isGreaterThan(withPath / 20);
        assertThat(java.util.Arrays.stream(a.atMicros).distinct().count()).isEqualTo(a.events());
    }

    @Test
    void expectedAnswersCountEveryRecentCall() {
        Workload w = Workload.of(3, 40);
        Expected x = Expected.of(w, Prices.bundled());
        long recentTools = 0;
        long recentApi = 0;
        for (int e = 0; e < w.events(); e++) {
            if (w.atMicros[e] > Expected.CUTOFF_30D_MICROS) {
                if (w.kind[e] == Workload.TOOL) {
                    recentTools++;
                } else {
                    recentApi++;
                }
            }
        }
        assertThat(x.answers().get(Query.TOOLS_30D).stream()
                        .mapToLong(r -> (Long) r.get(1))
                        .sum())
                .isEqualTo(recentTools);
        assertThat(x.answers().get(Query.COST_PER_AGENT_30D).stream()
                        .mapToLong(r -> (Long) r.get(1))
                        .sum())
                .isEqualTo(recentApi);
        assertThat(x.answers().get(Query.LAST10_HOT_FILE)).hasSize(10);
        assertThat(x.answers().get(Query.LAST10_RARE_FILE)).hasSize(x.rareCount());
    }
}
