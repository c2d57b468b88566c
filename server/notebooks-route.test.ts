import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerHandle } from './server.ts';

describe('/notebooks/ before the notebooks are built', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    process.env.USK_NOTEBOOKS_DIR = mkdtempSync(join(tmpdir(), 'usk-no-notebooks-'));
    server = await startServer({ db: join(mkdtempSync(join(tmpdir(), 'usk-nb-')), 'usk.duckdb'), port: 0, demo: true, warmCache: false, logLevel: 'silent' });
  });
  afterAll(async () => {
    await server.close();
    delete process.env.USK_NOTEBOOKS_DIR;
  });

  it('says in Norwegian how to build them', async () => {
    const res = await fetch(`${server.url}/notebooks/`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('Kjør <code>npm run notebooks</code>');
  });

  it('tells the dashboard, so that it does not offer «Notatbøker»; and does once they are built', async () => {
    const meta = async () => ((await (await fetch(`${server.url}/api/meta`)).json()) as { notebooks: boolean }).notebooks;
    expect(await meta()).toBe(false);
    writeFileSync(join(process.env.USK_NOTEBOOKS_DIR!, 'index.html'), '<!doctype html><title>Notatbøker</title>');
    expect((await fetch(`${server.url}/notebooks/`)).status).toBe(200);
  });

  it('lets no cache keep them: they are behind a sign-in (express.static alone says public)', async () => {
    writeFileSync(join(process.env.USK_NOTEBOOKS_DIR!, 'index.html'), '<!doctype html><title>Notatbøker</title>');
    writeFileSync(join(process.env.USK_NOTEBOOKS_DIR!, 'ssu-2023.html'), '<!doctype html><title>SSU 2023</title>');
    for (const path of ['/notebooks/', '/notebooks/ssu-2023', '/notebooks/ssu-2023.html']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
    }
  });
});
