/**
 * A buffered, synchronous line writer for the national-scale files (hundreds of MB): lines are
 * collected into ~1 MB chunks and written with writeSync, so memory stays flat and the bytes do
 * not depend on stream timing.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { encodeCp1252 } from '../write/cp1252.ts';

export class LineSink {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  lines = 0;
  bytes = 0;

  constructor(
    path: string,
    private readonly encoding: 'utf8' | 'cp1252',
    private readonly eol: '\n' | '\r\n',
    bom = false,
  ) {
    this.fd = openSync(path, 'w');
    if (bom) this.flushText('\uFEFF');
  }

  write(line: string): void {
    this.parts.push(line, this.eol);
    this.size += line.length + this.eol.length;
    this.lines += 1;
    if (this.size > 1 << 20) this.flush();
  }

  private flushText(text: string): void {
    const buf = this.encoding === 'cp1252' ? encodeCp1252(text) : Buffer.from(text, 'utf8');
    writeSync(this.fd, buf);
    this.bytes += buf.length;
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.flushText(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
