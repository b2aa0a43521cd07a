package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ImportSummary;
import io.agentstore.mcp.ClaudeCodeImports;
import io.agentstore.mcp.OwnerServer;
import io.agentstore.otlp.OtlpReceiver;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store serve}: the owner process of a shared database. It holds the file, runs the writer, answers
 * the calls other commands, hooks and MCP servers forward over the loopback interface, drains the hook spool and
 * imports Claude Code transcripts on an interval, and stops cleanly on SIGTERM.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Own the database: answer the other agent-store processes over 127.0.0.1 (port and token in an",
            "owner-only file beside the database) and import Claude Code history on an interval.",
            "With --otlp, also receive OpenTelemetry (OTLP/HTTP: Claude Code's telemetry, GenAI spans) on",
            "127.0.0.1:4318."
        })
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = StoreOptions.DurationConverter.class,
            description =
                    "How often to import transcripts and drain the hook spool (default: ${DEFAULT-VALUE}); 0s for never.")
    Duration interval;

    @Option(names = "--projects", paramLabel = "DIR", description = "A projects folder to import (repeatable).")
    List<Path> projects = List.of();

    @Option(
            names = "--otlp",
            description =
                    "Also run an OTLP/HTTP receiver (POST /v1/logs, /v1/traces, /v1/metrics) writing into the store.")
    boolean otlp;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "4318",
            description = "The OTLP receiver's port (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "The OTLP receiver's address (default: the loopback address; another one is reachable from"
                    + " the network, which the receiver does not authenticate).")
    String bind;

    @Option(
            names = "--otlp-max-body",
            paramLabel = "BYTES",
            defaultValue = "20971520",
            description = "The largest OTLP body taken, before and after gzip (default: ${DEFAULT-VALUE}); larger ones"
                    + " are answered 413.")
    long otlpMaxBody;

    @Spec
    CommandSpec spec;

    private InetAddress otlpAddress(PrintWriter err) {
        if (bind == null) {
            return InetAddress.getLoopbackAddress();
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: no such address: '" + bind + "'");
        }
        if (!a.isLoopbackAddress()) {
            err.println("agent-store serve: warning: the OTLP receiver listens on " + a.getHostAddress()
                    + ", reachable from other machines; it does not authenticate its clients");
        }
        return a;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path db = store.database();
        AgentStore s = store.openForWriting(null, List.of());
        // the owner answers read queries from other processes: no file or network access from SQL
        s.sql("SET enable_external_access = false").rows();
        if (!otlp && (bind != null || spec.commandLine().getParseResult().hasMatchedOption("--port"))) {
            s.close();
            throw new IllegalArgumentException("--port and --bind are the OTLP receiver's: give --otlp too");
        }
        OwnerServer server;
        try {
            server = OwnerServer.start(
                    s,
                    db,
                    Map.of(
                            ClaudeCodeImports.OPERATION,
                            (st, args) -> ClaudeCodeImports.run(st, db, args).toString()));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        OtlpReceiver receiver = null;
        if (otlp) {
            try {
                receiver = OtlpReceiver.builder()
                        .store(s)
                        .address(otlpAddress(err))
                        .port(port)
                        .maxBodyBytes(otlpMaxBody)
                        .start();
            } catch (RuntimeException e) {
                server.close();
                s.close();
                throw e;
            }
        }
        OtlpReceiver otlpReceiver = receiver;
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-store-import");
            t.setDaemon(true);
            return t;
        });
        if (!interval.isZero()) {
            Map<String, Object> args = ClaudeCodeImports.arguments(projects, null, Duration.ofMinutes(30), true);
            scheduler.scheduleWithFixedDelay(
                    () -> {
                        try {
                            ImportSummary summary = ClaudeCodeImports.run(s, db, args);
                            if (summary.recordsWritten() > 0 || summary.errors() > 0) {
                                err.println("agent-store serve: imported " + summary);
                            }
                        } catch (RuntimeException e) {
                            err.println("agent-store serve: import failed: " + e.getMessage());
                        }
                    },
                    0,
                    interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (otlpReceiver != null) {
                                otlpReceiver.close();
                                err.println("agent-store serve: OTLP receiver answered " + otlpReceiver.stats());
                            }
                            server.close();
                            scheduler.shutdownNow();
                            try {
                                scheduler.awaitTermination(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            s.close();
                            err.println("agent-store serve: stopped");
                            err.flush();
                            stopped.countDown();
                        },
                        "agent-store-serve-stop"));
        err.println("agent-store serve: serving " + db + " on 127.0.0.1:" + server.port() + " (PID "
                + ProcessHandle.current().pid() + "); stop with SIGTERM or Ctrl-C");
        if (otlpReceiver != null) {
            err.println("agent-store serve: OTLP receiver on http://"
                    + hostForUrl(otlpReceiver.address()) + ":" + otlpReceiver.port()
                    + " (POST /v1/logs, /v1/traces, /v1/metrics)");
        }
        err.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String hostForUrl(InetAddress a) {
        String h = a.getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
