package io.agentstore.memory;

/**
 * The two time axes of a memory version. {@link #VALID}: when the content was true of the code
 * ({@code valid_from} to {@code valid_to}), as the store knows it now. {@link #SYSTEM}: what the store held
 * at an instant ({@code recorded_at} to {@code superseded_at}), that is, what the agent believed then.
 */
public enum TimeAxis {
    /** Valid time: what was true of the code at the instant, by what is known now. */
    VALID,
    /** System time: what the store held at the instant (and what was valid then). */
    SYSTEM
}
