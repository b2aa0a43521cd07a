package io.agentstore.claudecode.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slash commands of one transcript, each completed with what it printed and the model in effect. Claude Code
 * writes a command as a user line {@code <command-name>/model</command-name><command-message>model
 * </command-message><command-args></command-args>}, usually followed by a user line
 * {@code <local-command-stdout>...</local-command-stdout>}. The model in effect is the model of the last response
 * before the command, or the one a {@code /model} command before it set ({@code Set model to opus
 * (claude-opus-4-5-20251101)}); a command before any of these waits for the first response after it, unless a
 * {@code /model} comes in between (then the model stays unknown). {@link Command#modelRule()} says which rule
 * gave the model: {@code previous_response}, {@code model_command}, {@code next_response} or {@code unknown}.
 */
final class SlashCommands {
    /** What a command's output keeps, in characters. */
    static final int MAX_OUTPUT = 2_000;

    private static final Pattern NAME = Pattern.compile("<command-name>(.*?)</command-name>", Pattern.DOTALL);
    private static final Pattern ARGS = Pattern.compile("<command-args>(.*?)</command-args>", Pattern.DOTALL);
    private static final Pattern OUTPUT = Pattern.compile(
            "<local-command-(?:stdout|stderr)>(.*?)(?:</local-command-(?:stdout|stderr)>|$)", Pattern.DOTALL);
    /** CSI and OSC terminal escapes. */
    private static final Pattern ESCAPES =
            Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?");

    private static final Pattern MODEL_SET = Pattern.compile("^Set model to .*\\((claude-[A-Za-z0-9.\\-]+)\\)");

    /**
     * One slash command.
     *
     * @param session   its session
     * @param at        when it ran
     * @param cwd       the working directory, or null
     * @param seed      the transcript line's uuid
     * @param name      the command with its slash
     * @param arguments its arguments, or null when blank
     * @param output    what it printed without terminal escapes (at most {@link #MAX_OUTPUT} characters), or null
     * @param model     the model in effect, or null
     * @param modelRule which rule found the model
     */
    record Command(
            String session,
            Instant at,
            String cwd,
            String seed,
            String name,
            String arguments,
            String output,
            String model,
            String modelRule) {
        Command withOutput(String text) {
            return new Command(session, at, cwd, seed, name, arguments, text, model, modelRule);
        }

        Command withModel(String m, String rule) {
            return new Command(session, at, cwd, seed, name, arguments, output, m, rule);
        }
    }

    private final Consumer<Command> sink;
    private final List<Command> awaitingModel = new ArrayList<>();
    private Command awaitingOutput;
    private String model;
    private String modelRule;

    SlashCommands(Consumer<Command> sink) {
        this.sink = sink;
    }

    /** A user line holding {@code <command-name>}; returns false when the name is blank. */
    boolean command(String session, Instant at, String cwd, String seed, String text) {
        outputMissing();
        Matcher n = NAME.matcher(text);
        String name = n.find() ? n.group(1).strip() : "";
        if (name.isEmpty()) {
            return false;
        }
        Matcher a = ARGS.matcher(text);
        String args = a.find() ? a.group(1).strip() : "";
        awaitingOutput = new Command(
                session,
                at,
                cwd,
                seed,
                name,
                args.isEmpty() ? null : args,
                null,
                model,
                model == null ? null : modelRule);
        return true;
    }

    /** A user line holding {@code <local-command-stdout>}: the output of the command before it, if any. */
    void output(String text) {
        Command c = awaitingOutput;
        if (c == null) {
            return;
        }
        awaitingOutput = null;
        Matcher m = OUTPUT.matcher(text);
        String out = ESCAPES.matcher(m.find() ? m.group(1) : "").replaceAll("").strip();
        if (out.length() > MAX_OUTPUT) {
            out = out.substring(0, MAX_OUTPUT) + "…";
        }
        complete(c.withOutput(out.isEmpty() ? null : out));
        Matcher set = MODEL_SET.matcher(out);
        if (set.find()) {
            // the commands still waiting ran before this switch: the next response's model is not theirs
            flushAwaiting(null, "unknown");
            model = set.group(1);
            modelRule = "model_command";
        }
    }

    /** Any other line: the command before it printed nothing. */
    void outputMissing() {
        Command c = awaitingOutput;
        if (c != null) {
            awaitingOutput = null;
            complete(c);
        }
    }

    /** A response of this transcript came from {@code responseModel}. */
    void modelSeen(String responseModel) {
        flushAwaiting(responseModel, "next_response");
        model = responseModel;
        modelRule = "previous_response";
    }

    /** The end of what the file holds: every command is emitted with what is known. */
    void finish() {
        outputMissing();
        flushAwaiting(null, "unknown");
    }

    private void complete(Command c) {
        if (c.model() != null) {
            sink.accept(c);
        } else {
            awaitingModel.add(c);
        }
    }

    private void flushAwaiting(String m, String rule) {
        for (Command c : awaitingModel) {
            sink.accept(c.withModel(m, rule));
        }
        awaitingModel.clear();
    }
}
