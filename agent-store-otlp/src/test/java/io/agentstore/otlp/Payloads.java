package io.agentstore.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Payloads shaped like Claude Code's OpenTelemetry export (its documented resource, standard attributes and event
 * attributes, numbers as text the way its exporter writes them) and like the GenAI conventions' spans, and an HTTP
 * client to post them.
 */
final class Payloads {
    static final String SESSION = "5f0c2d34-8f1e-4b7a-9d2c-1a2b3c4d5e6f";
    static final String ACCOUNT = "acc-1b2c3d";
    static final String EMAIL = "dev@example.com";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Payloads() {}

    /** Claude Code's resource. */
    static Resource claudeCodeResource() {
        return Resource.newBuilder()
                .addAttributes(kv("service.name", "claude-code"))
                .addAttributes(kv("service.version", "2.1.30"))
                .addAttributes(kv("os.type", "linux"))
                .addAttributes(kv("host.arch", "amd64"))
                .build();
    }

    /** The attributes every Claude Code event carries, then the event's own ({@code key, value, key, value...}). */
    static Map<String, Object> event(String name, Instant at, long sequence, Object... keyValues) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("session.id", SESSION);
        a.put("organization.id", "org-77");
        a.put("user.account_uuid", ACCOUNT);
        a.put("user.email", EMAIL);
        a.put("user.id", "anon-install-9");
        a.put("terminal.type", "vscode");
        a.put("event.name", name);
        a.put("event.timestamp", at.toString());
        a.put("event.sequence", sequence);
        a.put("prompt.id", "prompt-1");
        for (int i = 0; i < keyValues.length; i += 2) {
            a.put((String) keyValues[i], keyValues[i + 1]);
        }
        return a;
    }

    /** One log record per event, as Claude Code's logger emits them (body {@code claude_code.<name>}). */
    @SafeVarargs
    static ExportLogsServiceRequest logs(Map<String, Object>... events) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder()
                .setScope(InstrumentationScope.newBuilder()
                        .setName("com.anthropic.claude_code.events")
                        .setVersion("2.1.30"));
        for (Map<String, Object> e : events) {
            LogRecord.Builder r = LogRecord.newBuilder()
                    .setBody(AnyValue.newBuilder().setStringValue("claude_code." + e.get("event.name")))
                    .setObservedTimeUnixNano(nanos(Instant.parse((String) e.get("event.timestamp"))));
            e.forEach((k, v) -> r.addAttributes(kv(k, v)));
            scope.addLogRecords(r);
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(claudeCodeResource())
                        .addScopeLogs(scope))
                .build();
    }

    /** A span with the GenAI attributes given ({@code key, value, ...}). */
    static Span span(
            String name, String traceHex, String spanHex, Instant start, long millis, boolean error, Object... kvs) {
        Span.Builder s = Span.newBuilder()
                .setName(name)
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceHex)))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanHex)))
                .setStartTimeUnixNano(nanos(start))
                .setEndTimeUnixNano(nanos(start) + millis * 1_000_000);
        if (error) {
            s.setStatus(Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage("boom"));
        }
        for (int i = 0; i < kvs.length; i += 2) {
            s.addAttributes(kv((String) kvs[i], kvs[i + 1]));
        }
        return s.build();
    }

    static ExportTraceServiceRequest traces(String serviceName, Span... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("opentelemetry.instrumentation.openai"));
        for (Span s : spans) {
            scope.addSpans(s);
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", serviceName)))
                        .addScopeSpans(scope))
                .build();
    }

    static KeyValue kv(String key, Object value) {
        AnyValue.Builder v = AnyValue.newBuilder();
        if (value instanceof Long l) {
            v.setIntValue(l);
        } else if (value instanceof Integer i) {
            v.setIntValue(i);
        } else if (value instanceof Double d) {
            v.setDoubleValue(d);
        } else if (value instanceof Boolean b) {
            v.setBoolValue(b);
        } else {
            v.setStringValue(String.valueOf(value));
        }
        return KeyValue.newBuilder().setKey(key).setValue(v).build();
    }

    static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Posts {@code body} and returns the answer. */
    static HttpResponse<byte[]> post(int port, String path, String contentType, byte[] body, String encoding) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        if (encoding != null) {
            r.header("Content-Encoding", encoding);
        }
        try {
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> protobuf(int port, String path, com.google.protobuf.Message message) {
        return post(port, path, "application/x-protobuf", message.toByteArray(), null);
    }
}
