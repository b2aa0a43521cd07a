package io.agentstore.anthropic.loopback;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP/1.1 server (plain sockets, so that a reply can drop the connection mid-body) on the loopback address that answers {@code /v1/messages} and
 * {@code /v1/messages/count_tokens} with the Messages API's documented shapes: the replies the test queued, in
 * order (or one reply for every request, for benchmarks). Point an SDK client at {@link #baseUrl()}.
 */
public final class LoopbackAnthropicServer implements AutoCloseable {

    /**
     * One HTTP reply.
     *
     * @param status   the status code
     * @param headers  response headers (for example {@code request-id})
     * @param body     the body
     * @param sse      whether it is an event stream ({@code text/event-stream})
     * @param cutAfter for a cut connection: the number of body bytes sent before the connection is dropped, or -1
     */
    public record Reply(int status, Map<String, String> headers, String body, boolean sse, int cutAfter) {
        /** A JSON reply. */
        public static Reply json(int status, String requestId, String body) {
            return new Reply(status, Map.of("request-id", requestId), body, false, -1);
        }

        /** An error reply in the API's error shape, for example {@code 429, "rate_limit_error"}. */
        public static Reply error(int status, String requestId, String type, String message) {
            return json(
                    status,
                    requestId,
                    "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                            + "\"},\"request_id\":\"" + requestId + "\"}");
        }

        /** An event stream: each event is {@code {name, json data}}. */
        public static Reply sse(String requestId, String[]... events) {
            StringBuilder b = new StringBuilder();
            for (String[] e : events) {
                b.append("event: ").append(e[0]).append('\n');
                b.append("data: ").append(e[1]).append("\n\n");
            }
            return new Reply(200, Map.of("request-id", requestId), b.toString(), true, -1);
        }

        /** This reply with the connection dropped after {@code bytes} bytes of the body. */
        public Reply cutAfter(int bytes) {
            return new Reply(status, headers, body, sse, bytes);
        }
    }

    /**
     * A request as the server received it.
     *
     * @param method  the method
     * @param path    the path
     * @param headers the headers, names lower case, first value
     * @param body    the body
     */
    public record Request(String method, String path, Map<String, String> headers, String body) {}

    private final ServerSocket socket;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Reply always;

    private LoopbackAnthropicServer(ServerSocket socket, ExecutorService executor) {
        this.socket = socket;
        this.executor = executor;
    }

    /** Starts a server on a free port of the loopback address. */
    public static LoopbackAnthropicServer start() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "loopback-anthropic");
                t.setDaemon(true);
                return t;
            });
            LoopbackAnthropicServer s = new LoopbackAnthropicServer(socket, executor);
            executor.execute(s::accept);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to give the client, for example {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    /** Queues replies, answered in order. */
    public LoopbackAnthropicServer enqueue(Reply... replies) {
        this.replies.addAll(List.of(replies));
        return this;
    }

    /** Answers every request with {@code reply} once the queue is empty. */
    public LoopbackAnthropicServer always(Reply reply) {
        this.always = reply;
        return this;
    }

    /** The requests received so far. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                executor.execute(() -> serve(connection));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    /** HTTP/1.1 with keep-alive: requests one after the other until the client closes or a reply cuts. */
    private void serve(Socket connection) {
        try (connection) {
            connection.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new TreeMap<>();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    headers.put(
                            h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            h.substring(colon + 1).trim());
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                String[] parts = requestLine.split(" ");
                String path = parts[1].contains("?") ? parts[1].substring(0, parts[1].indexOf('?')) : parts[1];
                requests.add(new Request(parts[0], path, headers, body));
                Reply reply = replies.poll();
                if (reply == null) {
                    reply = always;
                }
                if (reply == null) {
                    reply = Reply.error(500, "req_none", "api_error", "no reply queued");
                }
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                StringBuilder head = new StringBuilder();
                head.append("HTTP/1.1 ")
                        .append(reply.status())
                        .append(' ')
                        .append(reason(reply.status()))
                        .append("\r\n");
                head.append("Content-Type: ")
                        .append(reply.sse() ? "text/event-stream" : "application/json")
                        .append("\r\n");
                head.append("Content-Length: ").append(bytes.length).append("\r\n");
                reply.headers()
                        .forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                head.append("\r\n");
                // head and body in one write: two small writes meet the client's delayed ACK (40 ms a reply)
                byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
                int bodyLength = reply.cutAfter() >= 0 ? Math.min(reply.cutAfter(), bytes.length) : bytes.length;
                byte[] all = new byte[headBytes.length + bodyLength];
                System.arraycopy(headBytes, 0, all, 0, headBytes.length);
                System.arraycopy(bytes, 0, all, headBytes.length, bodyLength);
                out.write(all);
                out.flush();
                if (reply.cutAfter() >= 0) {
                    return; // closing the socket drops the connection mid-body
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 529 -> "Overloaded";
            default -> "Status";
        };
    }

    /** Stops the server. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        executor.shutdownNow();
    }
}
