/** The rag module's internals: chunking, parsing, the walker, the indexer, search, tools and the hook mapping. */
package io.agentstore.rag.internal;
