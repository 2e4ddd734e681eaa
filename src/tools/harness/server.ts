/**
 * A static server on 127.0.0.1 for the demo article and the test fixtures. Only files under the allowed roots
 * are served; `extra` routes let a test serve generated pages, feeds or query answers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const MOUNTS: Record<string, string> = {
  '/demo/': join(ROOT, 'src/demo/'),
  '/fixtures/': join(ROOT, 'test/fixtures/'),
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
};

export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface DemoServer {
  origin: string;
  url(path: string): string;
  /** Requests seen, for tests that check what the browser fetched. */
  log: string[];
  close(): Promise<void>;
}

export async function startServer(extra: Route[] = [], port = 0): Promise<DemoServer> {
  const log: string[] = [];
  const server: Server = createServer(async (req, res) => {
    log.push(req.url ?? '');
    try {
      for (const route of extra) if (await route(req, res)) return;
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path === '/' || path === '/demo' || path === '/demo/') {
        res.writeHead(302, { location: '/demo/article.html' }).end();
        return;
      }
      for (const [prefix, dir] of Object.entries(MOUNTS)) {
        if (!path.startsWith(prefix)) continue;
        const file = normalize(join(dir, path.slice(prefix.length)));
        if (!file.startsWith(dir)) break;
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } catch {
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const addr = server.address();
  const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;
  return {
    origin,
    url: (p) => origin + p,
    log,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
