/**
 * The PPTX file as pptxgenjs writes it, with its package made consistent. pptxgenjs (4.0.1) lists a
 * slide master in [Content_Types].xml for every slide (slideMaster1 … slideMasterN) but writes only
 * slideMaster1.xml; PowerPoint ignores the extra entries, strict OPC validators and some importers
 * reject the file over them. So an Override naming a part that is not in the zip is dropped.
 * jszip is the one pptxgenjs bundles, loaded only with the deck (as pptxgenjs is).
 */
import type PptxGenJS from 'pptxgenjs';

const CONTENT_TYPES = '[Content_Types].xml';

/**
 * `xml` ([Content_Types].xml) without the Override entries whose part is not among `parts` (the zip's
 * file names, no leading slash). Part names compare case-insensitively (OPC). A pattern, not an XML
 * parser: the file is pptxgenjs's own, one self-closing element per entry, and a DOMParser is not
 * there outside the browser.
 */
export function withoutMissingParts(xml: string, parts: Iterable<string>): string {
  const present = new Set([...parts].map((p) => `/${p}`.toLowerCase()));
  return xml.replace(/\s*<Override\s+PartName="([^"]+)"[^>]*\/>/g, (entry, name: string) => (present.has(name.toLowerCase()) ? entry : ''));
}

/** pptx.write(), its [Content_Types].xml cleaned (withoutMissingParts): a Blob in the browser, a Buffer in Node. */
export async function writePptx(pptx: PptxGenJS, outputType: 'blob'): Promise<Blob>;
export async function writePptx(pptx: PptxGenJS, outputType: 'nodebuffer'): Promise<Buffer>;
export async function writePptx(pptx: PptxGenJS, outputType: 'blob' | 'nodebuffer'): Promise<Blob | Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync((await pptx.write({ outputType: 'arraybuffer' })) as ArrayBuffer);
  const types = zip.file(CONTENT_TYPES);
  if (types) {
    const parts = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
    zip.file(CONTENT_TYPES, withoutMissingParts(await types.async('string'), parts));
  }
  return outputType === 'blob'
    ? zip.generateAsync({ type: 'blob', mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' })
    : zip.generateAsync({ type: 'nodebuffer' });
}
