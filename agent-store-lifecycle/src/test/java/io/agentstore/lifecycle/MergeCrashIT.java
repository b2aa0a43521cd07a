package io.agentstore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of a merge at each of its steps: before the commit the target is unchanged, after it the merge is whole;
 * merging again then gives exactly what one uninterrupted merge gives.
 */
class MergeCrashIT {
    @TempDir
    static Path shared;

    static Path a;
    static Path b;
    static Map<String, Set<String>> expected;
    static Map<String, Set<String>> before;

    @TempDir
    Path tmp;

    @BeforeAll
    static void prepare() {
        a = MergePropertyTest.build(
                shared.resolve("a"),
                List.of("-Users-dain-workspace-danieldemmel-me-next/b25638d7-b104-4f06-a797-70ac33d069ed.jsonl"));
        b = MergePropertyTest.build(
                shared.resolve("b"),
                List.of(
                        "-Users-dain-workspace-danieldemmel-me-next/b25638d7-b104-4f06-a797-70ac33d069ed.jsonl",
                        "-src-experiments-claude_p/29ccd257-68b1-427f-ae5f-6524b7cb6f20.jsonl"));
        Path clean = MergePropertyTest.copy(a, shared.resolve("clean.duckdb"));
        StoreMerger.builder(clean).build().merge(b);
        expected = MergePropertyTest.facts(clean);
        before = MergePropertyTest.facts(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"attached", "dims-merged", "facts-merged", "committed"})
    void aKillAtAnyStepThenMergingAgainGivesOneMerge(String step) throws Exception {
        Path target = Files.copy(a, tmp.resolve("target.duckdb"));
        try (ChildJvm child =
                ChildJvm.start(tmp, LifecycleChild.class, "merge", target.toString(), step, b.toString())) {
            assertThat(child.awaitLine(l -> l.startsWith("AT ") || l.equals("DONE"), Duration.ofSeconds(60)))
                    .as(child.stderr())
                    .isEqualTo("AT " + step);
            child.kill();
        }
        Map<String, Set<String>> afterKill = MergePropertyTest.facts(target);
        assertThat(afterKill).isEqualTo(step.equals("committed") ? expected : before);
        StoreMerger.builder(target).build().merge(b);
        assertThat(MergePropertyTest.facts(target)).isEqualTo(expected);
    }
}
