// Usage analytics: events are buffered and sent in batches.

interface AnalyticsEvent {
  name: string;
  at: number;
  props: Record<string, string | number>;
}

const buffer: AnalyticsEvent[] = [];
const BATCH_SIZE = 20;
let sampleRate = 1.0;

/** Keeps only a fraction of visitors in the statistics, between 0 and 1. */
export function setSampleRate(rate: number): void {
  if (rate < 0 || rate > 1) throw new Error(`sample rate ${rate} is not between 0 and 1`);
  sampleRate = rate;
}

function track(name: string, props: Record<string, string | number>): void {
  if (Math.random() >= sampleRate) return;
  buffer.push({ name, at: Date.now(), props });
  if (buffer.length >= BATCH_SIZE) void flushEvents();
}

/** Counts a page being shown. */
export function trackPageView(path: string): void {
  track("page_view", { path });
}

/** Counts a book going into the cart, with its price. */
export function trackAddToCart(isbn: string, price: number): void {
  track("add_to_cart", { isbn, price });
}

/** Sends the buffered events in one request, even while the page is closing. */
export async function flushEvents(): Promise<void> {
  if (buffer.length === 0) return;
  const batch = buffer.splice(0, buffer.length);
  navigator.sendBeacon("/api/events", JSON.stringify(batch));
}
