package io.agentstore.spi;

import java.util.List;
import java.util.Set;

/**
 * A schema module contributes versioned DDL, repeatable views and, through {@link #bind}, the writers and
 * the typed facade of its facts. Its scripts live on the classpath under {@code agent-store/<id>/}
 * (packaged from {@code sql/<id>/}).
 *
 * <p>Versioned scripts are never edited once applied: the store refuses to open when a checksum differs.
 * Repeatable scripts ({@code R__*.sql}) run after every module's versioned scripts, so a view may join
 * tables of several modules, and run again whenever their checksum changes.
 */
public interface SchemaModule {

    /** The module id, lower case, for example {@code "tokens"}. */
    String id();

    /** The ids of the modules whose tables this module's scripts use; they migrate first. */
    default Set<String> requires() {
        return Set.of("core");
    }

    /** The versioned scripts, listed explicitly, with contiguous versions from 1. */
    List<Migration> migrations();

    /** File names of the repeatable scripts ({@code R__*.sql}), applied in this order. */
    default List<String> repeatables() {
        return List.of();
    }

    /** The classpath folder of this module's scripts. */
    default String resourceRoot() {
        return "agent-store/" + id() + "/";
    }

    /**
     * Registers the module's fact types, facade and contributions. Called when a store opens; it only
     * registers (it may be called more than once per store) and does no work.
     */
    default void bind(ModuleBinder binder) {}

    /**
     * Work this module does each time a store opens, after every module's migrations ran and every facade
     * was built, in module order (for example loading bundled prices). Whatever it records goes through
     * {@code context} like any other fact.
     */
    default void onOpen(StoreContext context) {}

    /**
     * Work this module does when the store closes, before the writer stops, in reverse module order (for example
     * recording what it buffered). It may record through {@code context}; a failure is logged and the store closes
     * anyway. It does not run when the store failed to open.
     */
    default void onClose(StoreContext context) {}
}
