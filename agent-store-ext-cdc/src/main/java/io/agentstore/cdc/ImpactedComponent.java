package io.agentstore.cdc;

/**
 * A component a dependency's failure or breaking change reaches: directly (depth 1) or through the dependencies
 * the components in between provide.
 *
 * @param componentName  the component
 * @param componentType  its type, or null
 * @param depth          1 for a direct consumer
 * @param viaDependency  the dependency through which it is reached
 */
public record ImpactedComponent(String componentName, String componentType, long depth, String viaDependency) {}
