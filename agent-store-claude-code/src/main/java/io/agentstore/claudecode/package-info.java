/**
 * Imports Claude Code history into a store: transcripts (with sub-agent files) through
 * {@link io.agentstore.claudecode.ClaudeCodeImporter}, incrementally and idempotently with a watermark per
 * file, and hook payloads through {@link io.agentstore.claudecode.HookSpool}; where Claude Code keeps its
 * files, import progress and summaries, and synthetic history for demos and tests.
 */
package io.agentstore.claudecode;
