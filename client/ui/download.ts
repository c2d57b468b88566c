/**
 * A download link for a file the server makes in full before it sends a byte: the reconciliation
 * workbook for every municipality takes about 7 s on the demo, and a plain <a download> showed
 * nothing meanwhile (a second click made it all again). The link fetches the file itself, reads
 * «Lager arbeidsbok …» and is busy (aria-disabled, further clicks ignored) until the file is handed
 * to the browser or the fetch fails; what happened is said in a live region beside it, in Norwegian.
 * The file is held in memory once, as the server holds it: only for such buffered files, never for
 * the streamed per-day exports, which stay plain links the browser writes to disk as they come.
 */
import { getFile } from '../api/client.ts';
import { saveBlob } from '../charts/export.ts';
import { h } from './dom.ts';

export interface BusyWords {
  /** The link's text while the file is made: «Lager arbeidsbok …». */
  busy: string;
  /** Said when the file has been handed to the browser: «Arbeidsboken er lastet ned.» */
  done: string;
  /** Before the reason of a failure: «Arbeidsboken kunne ikke lages». */
  failed: string;
}

export const WORKBOOK_WORDS: BusyWords = { busy: 'Lager arbeidsbok …', done: 'Arbeidsboken er lastet ned.', failed: 'Arbeidsboken kunne ikke lages' };

/**
 * Makes `link` (an <a href download>) fetch its file with feedback; returns the live region to
 * place beside it. A click with a modifier (new tab, save as) is left to the browser.
 */
export function busyDownload(link: HTMLAnchorElement, words: BusyWords = WORKBOOK_WORDS): HTMLElement {
  const message = h('span', { class: 'export-msg', role: 'status' });
  const say = (text: string, error = false) => {
    message.textContent = text;
    message.classList.toggle('error', error);
  };
  let busy = false;
  link.addEventListener('click', (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (busy) return;
    busy = true;
    const label = link.textContent ?? '';
    link.textContent = words.busy;
    link.setAttribute('aria-disabled', 'true');
    link.setAttribute('aria-busy', 'true');
    say('');
    const fallback = link.getAttribute('download') || 'usk-eksport';
    getFile(link.href, fallback)
      .then(({ blob, fileName }) => {
        saveBlob(blob, fileName);
        say(words.done);
      }, (err: unknown) => say(`${words.failed}: ${err instanceof Error ? err.message : String(err)}`, true))
      .finally(() => {
        busy = false;
        link.textContent = label;
        link.removeAttribute('aria-disabled');
        link.removeAttribute('aria-busy');
      });
  });
  return message;
}
