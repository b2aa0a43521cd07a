// Writes the OTLP/HTTP JSON bodies that the OpenTelemetry JavaScript SDK's exporters send (their default
// protocol, http/json) for Claude Code-shaped log events, GenAI spans and a token metric, by running the real
// exporters against a local HTTP server on the loopback address that records each body. JsSdkBodiesTest posts
// the recorded bodies, byte for byte as the SDK sent them, to the receiver. Run with: npm install && node write-bodies.js ../resources/otlp-js-sdk
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { LoggerProvider, BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs');
const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-http');
const { MeterProvider, PeriodicExportingMetricReader, AggregationTemporality } = require('@opentelemetry/sdk-metrics');
const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-http');
const { SpanStatusCode } = require('@opentelemetry/api');

const out = process.argv[2] || '.';
const bodies = {};
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const name = req.url.replace('/v1/', '');
    bodies[name] = { contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') };
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  });
});

const T = Date.parse('2026-02-11T14:00:00Z');
const session = '5f0c2d34-8f1e-4b7a-9d2c-1a2b3c4d5e6f';

server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;

  const agent = resourceFromAttributes({ 'service.name': 'js-agent' });
  const tracing = new BasicTracerProvider({
    resource: agent,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces` }))],
  });
  const tracer = tracing.getTracer('js-genai');
  const chat = tracer.startSpan('chat gpt-4o', {
    startTime: new Date(T),
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.id': 'chatcmpl-js-1',
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 200,
      'gen_ai.usage.cache_read.input_tokens': 300,
      'gen_ai.conversation.id': 'conv-js',
    },
  });
  chat.end(new Date(T + 1500));
  const retrieval = tracer.startSpan('retrieval hotels-kb', {
    startTime: new Date(T + 2000),
    attributes: {
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.data_source.id': 'hotels-kb',
      'gen_ai.retrieval.query.text': 'hotels near the Louvre',
      'gen_ai.conversation.id': 'conv-js',
    },
  });
  retrieval.setStatus({ code: SpanStatusCode.OK });
  retrieval.end(new Date(T + 2100));
  await tracing.forceFlush();

  const claude = resourceFromAttributes({ 'service.name': 'claude-code', 'service.version': '2.1.30' });
  const logging = new LoggerProvider({
    resource: claude,
    processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${base}/v1/logs` }) })],
  });
  const logger = logging.getLogger('com.anthropic.claude_code.events', '2.1.30');
  logger.emit({
    timestamp: new Date(T + 3000),
    body: 'claude_code.api_request',
    attributes: {
      'event.name': 'api_request',
      'event.timestamp': new Date(T + 3000).toISOString(),
      'event.sequence': 1,
      'session.id': session,
      model: 'claude-sonnet-4-5',
      input_tokens: '10',
      output_tokens: '20',
      cache_read_tokens: '30',
      cache_creation_tokens: '40',
      cost_usd: '0.0123',
      duration_ms: '950',
      request_id: 'req_js_1',
    },
  });
  logger.emit({
    timestamp: new Date(T + 4000),
    body: 'claude_code.api_error',
    attributes: {
      'event.name': 'api_error',
      'event.timestamp': new Date(T + 4000).toISOString(),
      'event.sequence': 2,
      'session.id': session,
      model: 'claude-sonnet-4-5',
      error: 'Overloaded',
      status_code: '529',
      attempt: '1',
    },
  });
  await logging.forceFlush();

  const metering = new MeterProvider({
    resource: claude,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({
          url: `${base}/v1/metrics`,
          temporalityPreference: AggregationTemporality.DELTA,
        }),
        exportIntervalMillis: 60000,
      }),
    ],
  });
  const tokens = metering.getMeter('com.anthropic.claude_code').createCounter('claude_code.token.usage', { unit: 'tokens' });
  tokens.add(150, { type: 'input', model: 'claude-sonnet-4-5', 'session.id': session });
  await metering.forceFlush();

  await Promise.all([tracing.shutdown(), logging.shutdown(), metering.shutdown()]);
  server.close();
  fs.mkdirSync(out, { recursive: true });
  for (const [name, b] of Object.entries(bodies)) {
    fs.writeFileSync(path.join(out, `${name}.json`), b.body);
    console.log(`${name}: ${b.contentType}, ${b.body.length} bytes`);
  }
});
