/**
 * The plug-in contract of a schema module: {@link io.agentstore.spi.SchemaModule} (versioned and repeatable
 * scripts, then {@code bind}), the {@link io.agentstore.spi.ModuleBinder} through which it registers the
 * writers of its fact types and its facade, the narrow {@link io.agentstore.spi.StoreContext} that facade
 * receives instead of the store, and the tools ({@link io.agentstore.spi.ToolSpec}) a module contributes.
 * Everything an extension module needs lives here or in a public core type.
 */
package io.agentstore.spi;
