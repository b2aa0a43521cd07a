/**
 * The cdc schema module: sources, checks, classified changes, the component and skill bridges, and the impact
 * cascade. Start at {@link io.agentstore.cdc.CdcModule} and {@link io.agentstore.cdc.CdcFacade}.
 */
package io.agentstore.cdc;
