package io.agentstore.bench.jmh;

import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Record validation: building a {@link ToolCall} and an {@link ApiCall} with their builders, which validates
 * every field in the records' compact constructors (text checks, instants truncated, attributes normalised).
 * This is what every {@code record...} call pays on the caller's thread before it is queued.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValidationBenchmark {
    private final AgentRef agent = AgentRef.of("agent-07");
    private final Instant at = Instant.parse("2026-10-20T10:15:30.123456Z");
    private final UUID id = UUID.randomUUID();

    /** A tool call with a path, a task and tokens. */
    @Benchmark
    public ToolCall toolCall() {
        return ToolCall.builder()
                .eventId(id)
                .occurredAt(at)
                .sessionId("0b7c3e3a-5f0e-4b2f-9c1e-7d2f5a6b8c9d")
                .agent(agent)
                .task(TaskRef.of("T-123-0", "refactor"))
                .tool("Edit")
                .targetPath("src/core/pkg12/File1234.java")
                .durationMs(120L)
                .tokens(500L, 1_200L)
                .build();
    }

    /** An API call with cache tokens. */
    @Benchmark
    public ApiCall apiCall() {
        return ApiCall.builder()
                .eventId(id)
                .occurredAt(at)
                .sessionId("0b7c3e3a-5f0e-4b2f-9c1e-7d2f5a6b8c9d")
                .agent(agent)
                .task(TaskRef.of("T-123-0", "refactor"))
                .model("claude-sonnet-4-5-20250929")
                .provider("anthropic")
                .tokens(1_200, 800)
                .cacheTokens(95_000, 2_000, 0)
                .build();
    }

    /** A tool call with two JSON attributes (normalised by a deep copy). */
    @Benchmark
    public ToolCall toolCallWithAttributes() {
        return ToolCall.builder()
                .eventId(id)
                .occurredAt(at)
                .sessionId("0b7c3e3a-5f0e-4b2f-9c1e-7d2f5a6b8c9d")
                .agent(agent)
                .tool("Bash")
                .attribute("command", "mvn -q test")
                .attribute("exit_code", 0)
                .durationMs(4_200L)
                .build();
    }
}
