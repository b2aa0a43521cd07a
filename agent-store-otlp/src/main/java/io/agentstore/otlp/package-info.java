/**
 * The OTLP/HTTP receiver: Claude Code's OpenTelemetry events and the spans of agents instrumented with the
 * OpenTelemetry GenAI semantic conventions become agent-store facts. Start one with {@link
 * io.agentstore.otlp.OtlpReceiver#builder()}; {@code agent-store serve --otlp} runs one in the owner process.
 */
package io.agentstore.otlp;
