package io.agentstore.strategy.internal;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.EventMapping;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.StoreContext;
import io.agentstore.tokens.CommandRun;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slash command the user ran becomes a command run of the tokens module ({@code fact_command_run}), with the
 * model in effect, so that the router's evidence ({@code v_command_model_stats}) counts it. A command whose model
 * the source did not know is recorded with model {@code unknown} (the run happened; it is no evidence for any
 * model). Its tokens are not the command's own to know: 0, with {@code attributes.tokens_known = false}. The
 * arguments, the output, the rule that found the model and, for {@code /model}, the model it switched to
 * ({@code model_set}) are attributes. The event id comes from the event's seed: a rescan adds nothing.
 */
public final class SlashCommandMapping implements EventMapping<SourceEvent.SlashCommand> {
    /** The model of a command run whose model the source did not know. */
    public static final String UNKNOWN_MODEL = "unknown";

    private static final Pattern MODEL_SET = Pattern.compile("^Set model to .*\\((claude-[A-Za-z0-9.\\-]+)\\)");

    @Override
    public List<? extends FactRecord> map(SourceEvent.SlashCommand command, StoreContext context) {
        SourceEvent.Envelope e = command.envelope();
        String model = command.model() == null ? UNKNOWN_MODEL : command.model();
        CommandRun.Builder b = CommandRun.builder()
                .eventId(EventIds.of(command.source(), "slash-command-run", command.seed()))
                .occurredAt(
                        command.occurredAt() != null
                                ? command.occurredAt()
                                : context.clock().instant())
                .sessionId(command.sessionId())
                .command(command.command())
                .model(model, model.startsWith("claude") ? "anthropic" : null)
                .tokens(0, 0)
                .attribute("source", "slash_command")
                .attribute("tokens_known", false)
                .attribute("model_known", command.model() != null);
        if (e.agentName() != null) {
            b.agent(AgentRef.of(e.agentName(), e.agentType()));
        }
        if (e.attributes().get("model_rule") != null) {
            b.attribute("model_rule", e.attributes().get("model_rule"));
        }
        if (command.arguments() != null) {
            b.attribute("arguments", command.arguments());
        }
        if (command.output() != null) {
            b.attribute("output", command.output());
            Matcher set = MODEL_SET.matcher(command.output());
            if (set.find()) {
                b.attribute("model_set", set.group(1));
            }
        }
        if (e.attributes().get("transcript") != null) {
            b.attribute("transcript", e.attributes().get("transcript"));
        }
        return List.of(b.build());
    }
}
