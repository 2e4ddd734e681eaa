/**
 * fetchCapped against a real HTTP server on 127.0.0.1: timeouts, size caps, content types, and that it
 * sends nothing that identifies the reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fetchCapped, NetError, onNetworkRequest } from '../../src/background/net';

const rss = readFileSync('test/fixtures/feeds/rss2.xml');
let server: Server;
let base = '';
let lastHeaders: IncomingHttpHeaders = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    lastHeaders = req.headers;
    switch (req.url) {
      case '/rss':
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(rss);
        return;
      case '/latin1':
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Caf'), Buffer.from([0xe9]), Buffer.from('</title></channel></rss>')]));
        return;
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>x</title>');
        return;
      case '/big-declared':
        res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(10 * 1024 * 1024) });
        res.end();
        return;
      case '/big-chunked': {
        res.writeHead(200, { 'content-type': 'application/xml' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const push = () => {
          while (sent < 40 && res.write(chunk)) sent++;
          if (sent >= 40) res.end();
          else res.once('drain', push);
        };
        push();
        return;
      }
      case '/slow':
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<rss>');
        setTimeout(() => res.end('</rss>'), 3000).unref();
        return;
      case '/hang':
        return; // never answers
      case '/missing':
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('not found');
        return;
      default:
        res.writeHead(500);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const opts = { timeoutMs: 1000, maxBytes: 1024 * 1024, accept: ['application/rss+xml', 'application/xml', 'text/xml'] };

async function failure(url: string, o = opts): Promise<NetError> {
  try {
    await fetchCapped(url, o);
  } catch (e) {
    expect(e).toBeInstanceOf(NetError);
    return e as NetError;
  }
  throw new Error(`expected ${url} to fail`);
}

describe('fetchCapped', () => {
  it('returns the text of an accepted response and sends no cookies or referrer', async () => {
    const r = await fetchCapped(`${base}/rss`, opts);
    expect(r.contentType).toBe('application/rss+xml');
    expect(r.text).toContain('Hitachi Rail');
    expect(lastHeaders.cookie).toBeUndefined();
    expect(lastHeaders.referer).toBeUndefined();
    expect(lastHeaders.accept).toBe('application/rss+xml, application/xml, text/xml');
  });

  it('decodes the charset an XML prolog declares', async () => {
    expect((await fetchCapped(`${base}/latin1`, opts)).text).toContain('Café');
  });

  it('refuses an HTML page where XML was expected', async () => {
    const e = await failure(`${base}/html`);
    expect(e.kind).toBe('content-type');
    expect(e.message).toBe('unexpected content type text/html');
  });

  it('refuses bodies over the size cap, declared or not', async () => {
    expect((await failure(`${base}/big-declared`)).kind).toBe('too-large');
    const e = await failure(`${base}/big-chunked`);
    expect(e.kind).toBe('too-large');
    expect(e.message).toMatch(/over 1048576 bytes/);
  });

  it('gives up on a slow body and on a server that never answers', async () => {
    const t0 = Date.now();
    expect((await failure(`${base}/slow`, { ...opts, timeoutMs: 300 })).kind).toBe('timeout');
    expect((await failure(`${base}/hang`, { ...opts, timeoutMs: 300 })).kind).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(2500);
  });

  it('reports HTTP errors and refuses non-http URLs without a request', async () => {
    expect((await failure(`${base}/missing`)).message).toBe('HTTP 404 Not Found');
    const seen: string[] = [];
    const off = onNetworkRequest((u) => seen.push(u));
    expect((await failure('file:///etc/passwd')).kind).toBe('bad-url');
    expect((await failure('javascript:alert(1)')).kind).toBe('bad-url');
    off();
    expect(seen).toEqual([]);
  });
});
