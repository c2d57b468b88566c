import { parentPort, workerData } from 'node:worker_threads';
import { pseudonymFill } from './batch.ts';
import type { FillReply, FillRequest } from './filler.ts';

/** The worker side of filler.ts: fills the holes of each output it is handed and hands it back. */
const fill = pseudonymFill(Buffer.from((workerData as { key: Uint8Array }).key));
const port = parentPort!;
port.on('message', (m: FillRequest) => {
  let reply: FillReply;
  try {
    fill(Buffer.from(m.out, m.offset, m.length), m.batch);
    reply = { id: m.id, out: m.out };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply, 'out' in reply ? [reply.out] : []);
});
