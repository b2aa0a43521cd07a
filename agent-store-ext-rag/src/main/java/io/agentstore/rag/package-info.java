/**
 * The rag schema module: structured and hybrid retrieval over the code an agent works on, offline. See
 * {@link io.agentstore.rag.RagModule} and {@link io.agentstore.rag.RagFacade}.
 */
package io.agentstore.rag;
