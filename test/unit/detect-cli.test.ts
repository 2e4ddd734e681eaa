/**
 * The command-line detector, run as a user runs it (through tsx): output format, dates, errors.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

async function detect(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(TSX, ['src/tools/detect.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'backstory-detect-'));

describe('npm run detect', () => {
  it('prints one JSON object with the date, its source and the mentions of a .txt file (UTF-16 offsets)', async () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, '😀 Hitachi’s plant in Newton Aycliffe. The Transport Secretary visited.\n');
    const r = await detect('--date', '2024-12-06', file);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['date', 'dateSource', 'mentions']);
    expect(out.date).toBe('2024-12-06');
    expect(out.mentions[0]).toEqual({ start: 3, end: 10, text: 'Hitachi', entity: 'hitachi-rail', name: 'Hitachi Rail', kind: 'alias' });
    expect(out.mentions.map((m: { entity: string }) => m.entity)).toEqual(['hitachi-rail', 'newton-aycliffe', 'heidi-alexander']);
    expect(out.mentions[2].office).toBe('transport-secretary');
  }, 30_000);

  it('reads the date from an HTML page and indexes its visible text', async () => {
    const file = join(dir, 'p.html');
    writeFileSync(
      file,
      '<html><head><meta property="article:published_time" content="2023-12-14T10:00:00Z"><script>var x="Hitachi";</script></head>' +
        '<body><h1>Rail news</h1><p>The Transport Secretary met <b>Hitachi</b>.</p><style>.Hitachi{}</style></body></html>',
    );
    const r = await detect(file);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.date).toBe('2023-12-14');
    expect(out.dateSource).toBe('meta');
    const visible = 'Rail newsThe Transport Secretary met Hitachi.';
    for (const m of out.mentions) expect(visible.slice(m.start, m.end)).toBe(m.text);
    expect(out.mentions.map((m: { entity: string }) => m.entity)).toEqual(['mark-harper', 'hitachi-rail']);
  }, 30_000);

  it('fails clearly on a missing file, a bad date and a wrong file type', async () => {
    const missing = await detect(join(dir, 'nope.txt'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no such file/);
    const file = join(dir, 'a.txt');
    const bad = await detect('--date', '2024-02-30', file);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/bad date/);
    const pdf = join(dir, 'x.pdf');
    writeFileSync(pdf, 'x');
    const wrong = await detect(pdf);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/\.txt or \.html/);
  }, 60_000);
});
