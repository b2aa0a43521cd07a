package io.agentstore.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentstore.AgentStore;
import io.agentstore.ApiErrorMatching;
import io.agentstore.core.ApiCall;
import io.agentstore.core.IngestError;
import io.agentstore.otlp.internal.Bodies;
import io.agentstore.otlp.internal.OtlpMapping;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Row;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP/HTTP receiver writing into an {@link AgentStore}: {@code POST /v1/logs}, {@code /v1/traces} and {@code
 * /v1/metrics} with {@code application/x-protobuf} or {@code application/json} bodies, gzip or not. Claude Code's
 * events and GenAI spans become facts (see the module README for the mapping); a request is answered 200 only
 * after what it carried is committed, so an exporter that got its 200 has lost nothing if the process dies right
 * after. Errors as the OTLP specification says: 400 for a body that is not the request message (named in the
 * answer), 413 over the body limit, 415 for another content type, 503 when the store cannot take it (retryable);
 * records that cannot be used are answered as partial success with their count.
 *
 * <pre>{@code
 * try (OtlpReceiver receiver = OtlpReceiver.builder().store(store).port(4318).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class OtlpReceiver implements AutoCloseable {
    /** The OTLP/HTTP default port. */
    public static final int DEFAULT_PORT = 4318;
    /** The default body limit, before and after gzip: 20 MiB, the OpenTelemetry Collector's. */
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;

    private static final int GRPC_INVALID_ARGUMENT = 3;
    private static final int GRPC_RESOURCE_EXHAUSTED = 8;
    private static final int GRPC_UNAVAILABLE = 14;

    private final AgentStore store;
    private final OtlpMapping mapping;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final long maxBodyBytes;
    private final Duration readTimeout;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private final AtomicLong tooLarge = new AtomicLong();
    private final AtomicLong unsupported = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong rejectedRecords = new AtomicLong();
    private final AtomicLong facts = new AtomicLong();
    /**
     * The time of the last transcript API call that supersedes no OTLP call (imported by an earlier version of the
     * importer), or null when the store holds none: only requests around or before it need the check against them.
     */
    private final Instant legacyUntil;

    private OtlpReceiver(Builder b) throws IOException {
        this.store = b.store;
        // metric points are kept when the otlp module is installed; retrieval spans go to a module mapping them (rag)
        this.mapping = new OtlpMapping(
                b.store.clock(),
                b.store.modules().contains("otlp"),
                b.store.maps(io.agentstore.spi.SourceEvent.Retrieval.class));
        this.maxBodyBytes = b.maxBodyBytes;
        this.readTimeout = b.readTimeout;
        this.legacyUntil = b.store
                .sql(
                        "SELECT max(occurred_at) AS last FROM fact_api_call WHERE request_id IS NOT NULL"
                                + " AND supersedes_event_id IS NULL AND json_extract_string(attributes, '$.transcript') IS NOT NULL")
                .single()
                .map(r -> r.instant("last"))
                .orElse(null);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(b.threads, r -> {
            Thread t = new Thread(r, "agent-store-otlp-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-store-otlp-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(b.address, b.port), b.backlog);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** A builder; {@link Builder#store} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port it listens on (the one chosen when the builder asked for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address it listens on. */
    public InetAddress address() {
        return server.getAddress().getAddress();
    }

    /** What it has answered so far. */
    public OtlpStats stats() {
        return new OtlpStats(
                requests.get(),
                accepted.get(),
                badRequests.get(),
                tooLarge.get(),
                unsupported.get(),
                failed.get(),
                records.get(),
                rejectedRecords.get(),
                facts.get());
    }

    /** Stops listening, waiting up to 5 seconds for requests being answered; the store stays open. Idempotent. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        watchdog.shutdownNow();
    }

    @Override
    public String toString() {
        return "OtlpReceiver[" + server.getAddress() + "]";
    }

    private void handle(HttpExchange exchange) {
        // a client that stops sending mid-body must not hold a worker for ever
        ScheduledFuture<?> timeout = watchdog.schedule(exchange::close, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        String mediaType = null;
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/v1/logs") && !path.equals("/v1/traces") && !path.equals("/v1/metrics")) {
                send(exchange, 404, Bodies.JSON, Bodies.status(5, "no such endpoint: " + path, Bodies.JSON));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                send(exchange, 405, Bodies.JSON, Bodies.status(12, "only POST is allowed on " + path, Bodies.JSON));
                return;
            }
            requests.incrementAndGet();
            try {
                mediaType = Bodies.mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
                byte[] body = Bodies.read(
                        exchange.getRequestBody(),
                        exchange.getRequestHeaders().getFirst("Content-Encoding"),
                        declaredLength(exchange),
                        maxBodyBytes);
                timeout.cancel(false);
                byte[] answer = export(path, body, mediaType);
                accepted.incrementAndGet();
                send(exchange, 200, mediaType, answer);
            } catch (Bodies.Refused r) {
                timeout.cancel(false);
                refused(exchange, path, r, mediaType);
            } catch (RuntimeException e) {
                // the store refused or failed: nothing was acknowledged, the exporter retries on 503
                failed.incrementAndGet();
                String type = mediaType == null ? Bodies.JSON : mediaType;
                send(exchange, 503, type, Bodies.status(GRPC_UNAVAILABLE, "the store could not take it: " + e, type));
            }
        } catch (IOException | UncheckedIOException e) {
            // the client went away (or the watchdog closed a stalled request): nothing was acknowledged
        } finally {
            timeout.cancel(false);
        }
    }

    private void refused(HttpExchange exchange, String path, Bodies.Refused r, String mediaType) throws IOException {
        switch (r.status()) {
            case 413 -> tooLarge.incrementAndGet();
            case 415 -> unsupported.incrementAndGet();
            default -> badRequests.incrementAndGet();
        }
        if (r.status() == 400) {
            // a malformed body is counted in the store too, beside the importers' bad lines
            try {
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("content_type", exchange.getRequestHeaders().getFirst("Content-Type"));
                attrs.put("remote", String.valueOf(exchange.getRemoteAddress()));
                store.record(new IngestError(
                        null, store.clock().instant(), null, "otlp", path, 0, 0, r.getMessage(), null, attrs));
            } catch (RuntimeException e) {
                // the answer matters more than the count
            }
        }
        String type = mediaType == null ? Bodies.JSON : mediaType;
        int code = r.status() == 413 ? GRPC_RESOURCE_EXHAUSTED : GRPC_INVALID_ARGUMENT;
        if (r.status() == 413) {
            exchange.getResponseHeaders().add("Connection", "close");
        }
        send(exchange, r.status(), type, Bodies.status(code, r.getMessage(), type));
    }

    private static long declaredLength(HttpExchange exchange) {
        String v = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private byte[] export(String path, byte[] body, String mediaType) {
        switch (path) {
            case "/v1/logs" -> {
                OtlpMapping.Batch b = mapping.logs(Bodies.parse(
                        body, mediaType, ExportLogsServiceRequest.newBuilder(), ExportLogsServiceRequest.class));
                store(b);
                ExportLogsServiceResponse.Builder r = ExportLogsServiceResponse.newBuilder();
                if (b.rejected() > 0) {
                    r.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                            .setRejectedLogRecords(b.rejected())
                            .setErrorMessage(b.problem()));
                }
                return Bodies.write(r.build(), mediaType);
            }
            case "/v1/traces" -> {
                OtlpMapping.Batch b = mapping.traces(Bodies.parse(
                        body, mediaType, ExportTraceServiceRequest.newBuilder(), ExportTraceServiceRequest.class));
                store(b);
                ExportTraceServiceResponse.Builder r = ExportTraceServiceResponse.newBuilder();
                if (b.rejected() > 0) {
                    r.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                            .setRejectedSpans(b.rejected())
                            .setErrorMessage(b.problem()));
                }
                return Bodies.write(r.build(), mediaType);
            }
            default -> {
                OtlpMapping.Batch b = mapping.metrics(Bodies.parse(
                        body, mediaType, ExportMetricsServiceRequest.newBuilder(), ExportMetricsServiceRequest.class));
                store(b);
                ExportMetricsServiceResponse.Builder r = ExportMetricsServiceResponse.newBuilder();
                if (b.rejected() > 0) {
                    r.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                            .setRejectedDataPoints(b.rejected())
                            .setErrorMessage(b.problem()));
                }
                return Bodies.write(r.build(), mediaType);
            }
        }
    }

    /** Commits the batch's facts, then its events; both wait for the commit. */
    private void store(OtlpMapping.Batch b) {
        records.addAndGet(b.received());
        rejectedRecords.addAndGet(b.rejected());
        // an api_error whose transcript line is already stored supersedes it: the error counts once
        List<FactRecord> kept = ApiErrorMatching.supersedeMatched(store, withoutKnownRequests(b.facts()));
        long n = kept.isEmpty() ? 0 : store.importAll(kept);
        n += b.events().isEmpty() ? 0 : store.apply(b.events());
        facts.addAndGet(n);
    }

    /**
     * Claude Code's API calls whose request the store already holds from a transcript call that does not supersede
     * them (imported by an earlier version of the importer, before it named the OpenTelemetry call it supersedes):
     * left out, so that the call counts once with the transcript's figures.
     */
    private List<FactRecord> withoutKnownRequests(List<FactRecord> facts) {
        List<Object> params = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        for (FactRecord f : facts) {
            if (f instanceof ApiCall a
                    && a.requestId() != null
                    && a.eventId().equals(OtlpMapping.claudeCodeApiCallId(a.requestId()))) {
                params.add(a.requestId());
                first = first == null || a.occurredAt().isBefore(first) ? a.occurredAt() : first;
                last = last == null || a.occurredAt().isAfter(last) ? a.occurredAt() : last;
            }
        }
        if (params.isEmpty() || legacyUntil == null || first.isAfter(legacyUntil.plus(Duration.ofDays(1)))) {
            return facts;
        }
        String marks = String.join(",", java.util.Collections.nCopies(params.size(), "?"));
        // the transcript's time of a call is within seconds of the event's: a day either side lets DuckDB skip
        // the row groups of other days instead of reading every call of the store for each request
        params.add(first.minus(Duration.ofDays(1)));
        params.add(last.plus(Duration.ofDays(1)));
        Set<String> known = new HashSet<>();
        for (Row r : store.sql(
                        "SELECT request_id, event_id, supersedes_event_id FROM fact_api_call WHERE request_id IN ("
                                + marks + ") AND occurred_at BETWEEN ? AND ?",
                        params.toArray())
                .rows()) {
            String requestId = r.string("request_id");
            UUID otel = OtlpMapping.claudeCodeApiCallId(requestId);
            if (!otel.equals(r.uuid("event_id")) && !otel.equals(r.uuid("supersedes_event_id"))) {
                known.add(requestId);
            }
        }
        if (known.isEmpty()) {
            return facts;
        }
        List<FactRecord> out = new ArrayList<>(facts.size());
        for (FactRecord f : facts) {
            if (!(f instanceof ApiCall a && known.contains(a.requestId()))) {
                out.add(f);
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String mediaType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", mediaType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Builds and starts an {@link OtlpReceiver}. */
    public static final class Builder {
        private AgentStore store;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = DEFAULT_PORT;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int threads = 4;
        private int backlog = 1024;
        private Duration readTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /** The store to write into (required; it stays open when the receiver closes). */
        public Builder store(AgentStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /** The address to listen on; the loopback address unless said otherwise. */
        public Builder address(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address must not be null");
            return this;
        }

        /** The port, 0 for any free one; 4318 unless said otherwise. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new InvalidRecordException("port", port, "must be between 0 and 65535");
            }
            this.port = port;
            return this;
        }

        /** The largest body taken, before and after gzip (20 MiB unless said otherwise); larger ones get 413. */
        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new InvalidRecordException("maxBodyBytes", maxBodyBytes, "must be at least 1");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** How many requests are read and stored at once (4 unless said otherwise); others wait their turn. */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new InvalidRecordException("threads", threads, "must be between 1 and 256");
            }
            this.threads = threads;
            return this;
        }

        /** How long a request may take to arrive (30 s unless said otherwise); a stalled one is closed. */
        public Builder readTimeout(Duration readTimeout) {
            Objects.requireNonNull(readTimeout, "readTimeout must not be null");
            if (readTimeout.isNegative() || readTimeout.isZero()) {
                throw new InvalidRecordException("readTimeout", readTimeout, "must be positive");
            }
            this.readTimeout = readTimeout;
            return this;
        }

        /**
         * Listens and answers from now on.
         *
         * @throws UncheckedIOException when the address cannot be bound (the port is taken)
         * @throws InvalidRecordException when no store was given
         */
        public OtlpReceiver start() {
            if (store == null) {
                throw new InvalidRecordException("store", null, "is required");
            }
            try {
                return new OtlpReceiver(this);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
            }
        }
    }
}
