package io.agentstore.spi;

import java.util.List;

/**
 * How a module turns one kind of {@link SourceEvent} into its own facts; registered with
 * {@link ModuleBinder#mapping} and used only while the module is installed.
 *
 * <p>A mapping gives every fact a name-based event id derived from the event ({@code EventIds.of(event.source(),
 * kind, event.seed())}), so that an event applied twice (a re-import, a rescan) stores its facts once. What a
 * mapping needs beyond the event it reads from the store through {@code context}, never from memory kept
 * between calls: a rescan or another process must reach the same facts.
 *
 * @param <E> the kind of event
 */
@FunctionalInterface
public interface EventMapping<E extends SourceEvent> {

    /**
     * The facts of this module that {@code event} gives, possibly none.
     *
     * @param event   the event
     * @param context the module's view of the store
     */
    List<? extends FactRecord> map(E event, StoreContext context);
}
