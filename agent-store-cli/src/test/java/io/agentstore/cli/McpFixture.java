package io.agentstore.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.core.ApiCall;
import io.agentstore.core.CoreFacade;
import io.agentstore.core.Decision;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.tokens.ComponentMeasurement;
import io.agentstore.tokens.ComponentRef;
import io.agentstore.tokens.TokensFacade;
import io.agentstore.tokens.TokensModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A store filled as the MCP and hook tests need it: the shared Claude Code fixtures through the importer, plus
 * what the importer does not write (decisions, task outcomes, API calls in the current 5-hour window, an
 * oversized component) through the API.
 */
final class McpFixture {
    static final String SESSION = "mcp-it-session";
    static final String TASK_TYPE = "bugfix";
    static final String DECISION_TYPE = "library_choice";
    static final String CONTEXT_HASH = "ctx-parser";
    static final String MODEL = "claude-sonnet-4-20250514";
    static final String COMPONENT = "skills/huge/SKILL.md";

    private McpFixture() {}

    static Path projects() {
        String configured = System.getProperty("agentstore.shared");
        Path shared = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        Path p = shared.resolve("fixtures/claude-code/claude-code-log/test/test_data/real_projects")
                .toAbsolutePath()
                .normalize();
        assumeTrue(Files.isDirectory(p), "shared fixtures not found at " + p);
        return p;
    }

    static AgentStore open(Path db) {
        return AgentStore.builder()
                .path(db)
                .install(TokensModule.create())
                .lockWait(Duration.ofSeconds(60))
                .build();
    }

    static void fill(Path db) {
        try (AgentStore store = open(db)) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects())
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            CoreFacade core = store.core();
            TaskRef task = new TaskRef("T-1", "fix the date parser", TASK_TYPE);
            Instant now = store.clock().instant();
            core.recordDecision(Decision.builder()
                    .sessionId(SESSION)
                    .agent("coder")
                    .task(task)
                    .decisionType(DECISION_TYPE)
                    .contextHash(CONTEXT_HASH)
                    .chose("java.time")
                    .alternatives(List.of("joda-time"))
                    .rationale("in the JDK")
                    .outcome("success")
                    .occurredAt(now.minusSeconds(600))
                    .build());
            core.recordDecision(Decision.builder()
                    .sessionId(SESSION)
                    .agent("coder")
                    .task(task)
                    .decisionType(DECISION_TYPE)
                    .contextHash(CONTEXT_HASH)
                    .chose("regex")
                    .alternatives(List.of("java.time"))
                    .rationale("quick")
                    .outcome("failure")
                    .occurredAt(now.minusSeconds(1200))
                    .build());
            core.recordDecision(Decision.builder()
                    .sessionId(SESSION)
                    .agent("reviewer")
                    .task(task)
                    .decisionType("test_strategy")
                    .chose("property tests")
                    .outcome("success")
                    .occurredAt(now.minusSeconds(300))
                    .build());
            core.recordTaskOutcome(TaskOutcome.builder()
                    .sessionId(SESSION)
                    .agent("coder")
                    .task(task)
                    .success(true)
                    .testPassRate(1.0)
                    .elapsedMs(60_000L)
                    .build());
            core.recordTaskOutcome(TaskOutcome.builder()
                    .sessionId(SESSION)
                    .agent("coder")
                    .task(new TaskRef("T-2", "fix the lexer", TASK_TYPE))
                    .success(true)
                    .testPassRate(0.9)
                    .elapsedMs(30_000L)
                    .build());
            core.recordTaskOutcome(TaskOutcome.builder()
                    .sessionId(SESSION)
                    .agent("reviewer")
                    .task(new TaskRef("T-3", "fix the printer", TASK_TYPE))
                    .success(false)
                    .testPassRate(0.5)
                    .build());
            List<ApiCall> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(ApiCall.builder()
                        .sessionId(SESSION)
                        .agent("coder")
                        .task(task)
                        .model(MODEL)
                        .provider("anthropic")
                        .tokens(20_000 + i * 1_000L, 500)
                        .cacheTokens(1_000, 0, 0)
                        .occurredAt(now.minusSeconds(60L * (6 - i)))
                        .build());
            }
            store.recordAll(calls);
            store.module(TokensFacade.class)
                    .recordMeasurement(ComponentMeasurement.builder()
                            .component(ComponentRef.of(COMPONENT, "skill"))
                            .sizes(100, 4_000, 24_000, 24_000)
                            .estimatedTokens(6_000, "chars/4")
                            .contentHash("h-huge")
                            .build());
        }
    }
}
