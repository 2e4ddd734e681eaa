/**
 * The only way the background reaches the network. Every request Backstory makes (feeds, Wikidata) goes
 * through `fetchCapped`, which
 *  - sends no cookies, no referrer and no cache validators tied to the reader (credentials: 'omit',
 *    referrerPolicy: 'no-referrer', cache: 'no-store'),
 *  - gives up after `timeoutMs` (AbortSignal.timeout, covering headers *and* body),
 *  - refuses bodies larger than `maxBytes` (by Content-Length up front, then by counting while reading),
 *  - refuses responses whose media type is not one of `accept`.
 *
 * Privacy rule: callers only ever pass URLs from a fixed list (the feed list, the Wikidata endpoint with
 * a query built from the knowledge base), on a schedule, never anything derived from what the reader
 * reads. `onNetworkRequest` lets tests observe every request made.
 */

export interface FetchCappedOptions {
  /** Abort the whole exchange after this many milliseconds. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Accepted media types (lower case, without parameters), e.g. ['application/rss+xml', 'text/xml']. */
  accept: readonly string[];
}

export interface CappedResponse {
  /** The final URL after redirects. */
  url: string;
  status: number;
  /** The media type, lower case, without parameters. */
  contentType: string;
  text: string;
  bytes: number;
}

export type NetErrorKind = 'bad-url' | 'timeout' | 'network' | 'http' | 'content-type' | 'too-large';

export class NetError extends Error {
  constructor(
    readonly kind: NetErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'NetError';
  }
}

type Listener = (url: string) => void;
const listeners = new Set<Listener>();

/** Observe every request fetchCapped is about to make (tests; a debug log). Returns an unsubscribe. */
export function onNetworkRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function mediaType(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function charsetOf(header: string | null): string | undefined {
  const m = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(header ?? '');
  return m?.[1]?.toLowerCase();
}

/** Encoding declared in an XML prolog (`<?xml version="1.0" encoding="ISO-8859-1"?>`). */
function xmlDeclaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
}

function decode(bytes: Uint8Array, contentTypeHeader: string | null): string {
  const label = charsetOf(contentTypeHeader) ?? xmlDeclaredCharset(bytes) ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function isTimeout(e: unknown): boolean {
  return e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
}

export async function fetchCapped(url: string, options: FetchCappedOptions): Promise<CappedResponse> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NetError('bad-url', `not a URL: ${url.slice(0, 200)}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new NetError('bad-url', `only http(s) URLs are fetched: ${url.slice(0, 200)}`);
  }
  for (const l of listeners) l(parsed.href);

  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(parsed.href, {
      method: 'GET',
      headers: { Accept: options.accept.join(', ') },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'follow',
      signal,
    });
  } catch (e) {
    if (isTimeout(e) || signal.aborted) throw new NetError('timeout', `no answer within ${options.timeoutMs / 1000} s`);
    throw new NetError('network', `network error: ${e instanceof Error ? e.message : String(e)}`);
  }

  const cancel = () => response.body?.cancel().catch(() => undefined);
  if (!response.ok) {
    void cancel();
    throw new NetError('http', `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const contentTypeHeader = response.headers.get('content-type');
  const type = mediaType(contentTypeHeader);
  if (!options.accept.includes(type)) {
    void cancel();
    throw new NetError('content-type', `unexpected content type ${type || '(none)'}`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    void cancel();
    throw new NetError('too-large', `response too large (${declared} bytes, limit ${options.maxBytes})`);
  }

  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > options.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new NetError('too-large', `response too large (over ${options.maxBytes} bytes)`);
        }
        chunks.push(value);
      }
    }
  } catch (e) {
    if (e instanceof NetError) throw e;
    if (isTimeout(e) || signal.aborted) throw new NetError('timeout', `no complete answer within ${options.timeoutMs / 1000} s`);
    throw new NetError('network', `network error while reading: ${e instanceof Error ? e.message : String(e)}`);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return { url: response.url || parsed.href, status: response.status, contentType: type, text: decode(bytes, contentTypeHeader), bytes: total };
}
