package io.agentstore.cli;

import io.agentstore.claudecode.HookSpool;
import io.agentstore.mcp.HookAnswers;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store hook}: appends the Claude Code hook payload on stdin to the spool beside the
 * database without opening it, so that it is fast and never waits for a running import. PreToolUse and
 * SessionStart also answer (see {@link HookAnswers}): a deny never opens the database; context is looked up
 * through the owner process or a short per-call open, and is silent on any failure.
 */
@Command(
        name = "hook",
        mixinStandardHelpOptions = true,
        description = {
            "Append one Claude Code hook payload (stdin) to the spool beside the database.",
            "'agent-store ingest claude-code' (or 'agent-store serve') drains the spool.",
            "PreToolUse: denies calls matched by the dangerous-operation rules (hook-rules.json beside the database,",
            "else the defaults) before opening anything, and recalls an earlier failure of the same call.",
            "SessionStart: prints a resume context for the project (cwd).",
            "TeammateIdle: names the pending work nobody holds, best first for that teammate (agents module), and",
            "records what it suggested with the payload (the idle becomes a fact of the agents module).",
            "PostToolUse of a Bash test command: notes the test reports the command wrote (JUnit XML, Jest/Vitest",
            "JSON) for the quality module to import when the spool is drained.",
            "Always exits 0 so that it never gets in Claude Code's way; problems go to stderr."
        })
final class HookCommand implements Callable<Integer> {
    /** How long a hook waits for the database when it looks up context (a deny never waits). */
    static final Duration CONTEXT_LOCK_WAIT = Duration.ofSeconds(2);

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            byte[] stdin = System.in.readAllBytes();
            if (stdin.length == 0) {
                spec.commandLine().getErr().println("agent-store hook: nothing on stdin; nothing spooled");
                return 0;
            }
            // the rules first, before anything touches the database: a deny holds whatever state it is in
            HookAnswers answers = HookAnswers.forDatabase(store.database(), () -> Access.of(store, CONTEXT_LOCK_WAIT));
            HookAnswers.Decision decision = answers.decide(stdin);
            byte[] spooled = decision.spooled();
            Optional<String> output = Optional.empty();
            // TeammateIdle: answered first, so that the spooled payload records the work suggested
            boolean answered = !decision.denied() && HookAnswers.answeredBeforeSpooling(stdin);
            if (answered) {
                HookAnswers.Answer answer = answers.answer(stdin);
                output = answer.output();
                spooled = answer.spooled();
            }
            // PostToolUse of a Bash test command: the test reports it wrote, for the quality module to import
            spooled = RecentTestReports.annotate(spooled, Clock.systemUTC().instant(), answers::log);
            try {
                StoreOptions.ownerOnlyFolder(store.database().getParent());
                HookSpool.besideDatabase(store.database())
                        .append(spooled, Clock.systemUTC().instant());
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("agent-store hook: " + e.getMessage());
                answers.log("hook", "not spooled: " + e.getMessage());
            }
            if (!answered) {
                output = decision.denied() ? decision.output() : answers.context(stdin);
            }
            output.ifPresent(o -> {
                System.out.println(o);
                System.out.flush();
            });
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("agent-store hook: " + e.getMessage());
        }
        return 0;
    }
}
