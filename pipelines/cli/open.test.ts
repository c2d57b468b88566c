import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../load/fixtures.ts';
import { CliError, reportCommandFailure } from './open.ts';

const USK = resolve(import.meta.dirname, '../../bin/usk.js');

describe('a server command that fails before it runs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('says a port in use in one line, with status 2, and no stack', async () => {
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    try {
      const port = (busy.address() as AddressInfo).port;
      const run = spawnSync(process.execPath, [USK, 'serve', '--demo', '--synthetic-data', '--port', String(port), '--db', join(tempDir(), 'x.duckdb')], { encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^usk serve: .*EADDRINUSE.*$/m);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    } finally {
      busy.close();
    }
  });

  it('says a fault of ours with its stack, for a report, identifiers masked', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    reportCommandFailure('start', new TypeError('Cannot read properties of undefined (pasient 01017012345)'));
    expect(written.join('')).toMatch(/^usk start: TypeError: Cannot read properties of undefined \(pasient \*{11}\)\n\s+at /);
    expect(process.exitCode).toBe(2);
    written.length = 0;
    reportCommandFailure('demo', new CliError('fant ingen database', 1));
    expect(written).toEqual(['usk demo: fant ingen database\n']);
    expect(process.exitCode).toBe(1);
  });
});
