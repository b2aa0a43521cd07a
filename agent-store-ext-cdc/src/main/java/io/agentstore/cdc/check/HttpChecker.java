package io.agentstore.cdc.check;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks {@code http(s)} locations with conditional requests: the previous {@code ETag} goes out as
 * {@code If-None-Match} and the previous {@code Last-Modified} as {@code If-Modified-Since}, so a {@code 304}
 * costs no body. A {@code 200} is hashed and compared with the previous hash (servers without validators cost a
 * download and a hash). Redirects are followed (never from https to http); every request is bounded by the
 * timeout; no credentials are sent or kept. A status other than 2xx or 304, a timeout or a garbled answer makes
 * the source unavailable for this check.
 */
public final class HttpChecker implements Checker {
    private final HttpClient client;
    private final Duration timeout;

    private HttpChecker(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * A checker whose requests give up after {@code timeout}.
     *
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public static HttpChecker withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new HttpChecker(timeout);
    }

    @Override
    public String id() {
        return "http";
    }

    @Override
    public boolean accepts(String sourceType, String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return !sourceType.equals("git") && (l.startsWith("http://") || l.startsWith("https://"));
    }

    @Override
    public CheckResult check(String location, Baseline baseline) {
        long start = System.nanoTime();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(location))
                    .timeout(timeout)
                    .GET();
        } catch (IllegalArgumentException e) {
            return CheckResult.unavailable(null, 0, "not a valid URL: " + e.getMessage());
        }
        if (baseline.etag() != null) {
            request.header("If-None-Match", baseline.etag());
        }
        if (baseline.lastModified() != null) {
            request.header("If-Modified-Since", baseline.lastModified());
        }
        request.header("Accept-Encoding", "identity");
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return CheckResult.unavailable(null, millis(start), "timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return CheckResult.unavailable(null, millis(start), "request failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.unavailable(null, millis(start), "interrupted");
        } catch (IllegalArgumentException e) {
            return CheckResult.unavailable(null, millis(start), "bad request: " + e.getMessage());
        }
        long status = response.statusCode();
        String etag = response.headers().firstValue("ETag").orElse(null);
        String lastModified = response.headers().firstValue("Last-Modified").orElse(null);
        if (status == 304) {
            return new CheckResult(
                    true,
                    false,
                    status,
                    etag != null ? etag : baseline.etag(),
                    lastModified != null ? lastModified : baseline.lastModified(),
                    baseline.contentHash(),
                    null,
                    millis(start),
                    null,
                    null,
                    null,
                    null);
        }
        if (status < 200 || status > 299) {
            return CheckResult.unavailable(status, millis(start), "HTTP " + status);
        }
        byte[] body = response.body();
        String hash = Hashes.sha256(body);
        boolean changed = baseline.contentHash() != null && !hash.equals(baseline.contentHash());
        boolean first = baseline.contentHash() == null;
        return new CheckResult(
                true,
                changed,
                status,
                etag,
                lastModified,
                hash,
                null,
                millis(start),
                null,
                changed || first ? new String(body, StandardCharsets.UTF_8) : null,
                null,
                null);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
