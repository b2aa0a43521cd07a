package io.agentstore.otlp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reading OTLP/HTTP bodies: the size limit (before and after gzip), protobuf or JSON by content type (JSON with
 * hex trace and span ids as the OTLP specification writes them), and the {@code google.rpc.Status} of an error
 * answer.
 */
public final class Bodies {
    /** {@code application/x-protobuf}. */
    public static final String PROTOBUF = "application/x-protobuf";
    /** {@code application/json}. */
    public static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> HEX_IDS =
            Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private Bodies() {}

    /** A request the receiver refuses: the HTTP status and what was wrong. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        /** A refusal with {@code status} and {@code message}. */
        public Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        /** The HTTP status. */
        public int status() {
            return status;
        }
    }

    /** The media type of a {@code Content-Type} header ({@link #PROTOBUF} or {@link #JSON}), else a 415 refusal. */
    public static String mediaType(String contentType) {
        String t =
                contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (t.equals(PROTOBUF) || t.equals(JSON)) {
            return t;
        }
        throw new Refused(
                415,
                "Content-Type must be " + PROTOBUF + " or " + JSON + ", was "
                        + (contentType == null ? "none" : "'" + contentType + "'"));
    }

    /**
     * The body, gunzipped when {@code encoding} says gzip, at most {@code limit} bytes before and after; a longer
     * one is a 413 refusal, a broken gzip stream a 400 one.
     */
    public static byte[] read(InputStream in, String encoding, long declaredLength, long limit) {
        if (declaredLength > limit) {
            throw new Refused(413, "body of " + declaredLength + " bytes is over the limit of " + limit + " bytes");
        }
        String e = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
        try {
            byte[] raw = readAtMost(in, limit, "body");
            if (e.equals("identity") || e.isEmpty()) {
                return raw;
            }
            if (!e.equals("gzip")) {
                throw new Refused(415, "Content-Encoding must be gzip or none, was '" + encoding + "'");
            }
            try (GZIPInputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                return readAtMost(gz, limit, "gunzipped body");
            } catch (ZipException | java.io.EOFException z) {
                throw new Refused(400, "body is not valid gzip: " + z.getMessage());
            }
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    private static byte[] readAtMost(InputStream in, long limit, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                throw new Refused(413, what + " is over the limit of " + limit + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** {@code body} parsed into {@code builder}'s message; a body that is not one is a 400 refusal naming why. */
    public static <M extends Message> M parse(byte[] body, String mediaType, Message.Builder builder, Class<M> type) {
        try {
            if (mediaType.equals(PROTOBUF)) {
                builder.mergeFrom(body);
            } else {
                PARSER.merge(hexIdsToBase64(body), builder);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new Refused(
                    400,
                    "body is not a valid " + (mediaType.equals(PROTOBUF) ? "protobuf " : "JSON ")
                            + builder.getDescriptorForType().getName() + ": " + e.getMessage());
        } catch (Refused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Refused(
                    400,
                    "body is not a valid JSON " + builder.getDescriptorForType().getName() + ": " + e.getMessage());
        }
        return type.cast(builder.build());
    }

    /** OTLP JSON writes trace and span ids in hex; protobuf's JSON mapping reads bytes as base64. */
    static String hexIdsToBase64(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new Refused(400, "body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Refused(400, "body is not a JSON object");
        }
        convert(root);
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void convert(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (HEX_IDS.contains(e.getKey()) && v.isTextual()) {
                    String s = v.asText();
                    if (s.length() % 2 == 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                        e.setValue(new TextNode(Base64.getEncoder()
                                .encodeToString(HexFormat.of().parseHex(s))));
                    }
                } else {
                    convert(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode e : a) {
                convert(e);
            }
        }
    }

    /** A response message in the request's media type. */
    public static byte[] write(Message message, String mediaType) {
        if (mediaType.equals(PROTOBUF)) {
            return message.toByteArray();
        }
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The {@code google.rpc.Status} (code, message) of an error answer: protobuf unless the request was JSON. The
     * code is gRPC's: 3 invalid argument, 8 resource exhausted, 14 unavailable.
     */
    public static byte[] status(int grpcCode, String message, String mediaType) {
        if (JSON.equals(mediaType)) {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("code", grpcCode);
            o.put("message", message);
            return o.toString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, grpcCode);
            out.writeString(2, message);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
