package io.agentstore.otlp;

/**
 * What a receiver has answered since it started.
 *
 * @param requests        export requests received (every POST to {@code /v1/logs}, {@code /v1/traces},
 *                        {@code /v1/metrics})
 * @param accepted        requests answered 200
 * @param badRequests     requests answered 400 (not gzip, not protobuf or JSON of the right message)
 * @param tooLarge        requests answered 413 (over the body limit)
 * @param unsupported     requests answered 415 (another content type or encoding)
 * @param failed          requests answered 503 (the store could not take them; the client retries)
 * @param records         log records, spans and metric points in accepted requests
 * @param rejectedRecords records in accepted requests that could not be used (answered as partial success)
 * @param facts           facts that were new in the store
 */
public record OtlpStats(
        long requests,
        long accepted,
        long badRequests,
        long tooLarge,
        long unsupported,
        long failed,
        long records,
        long rejectedRecords,
        long facts) {}
