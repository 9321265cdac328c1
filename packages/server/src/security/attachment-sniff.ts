import type { AttachmentKind } from '@hcp/domain';
import { sniffScanType } from './content-sniff.ts';

export interface SniffedAttachment {
  kind: AttachmentKind;
  contentType: string;
  /** The file name extension that goes with the content (downloads are named by it, never by the uploader's name). */
  ext: string;
}

const starts = (b: Uint8Array, magic: number[], at = 0) => magic.length + at <= b.length && magic.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const OOXML: { entry: string; contentType: string; ext: string }[] = [
  { entry: 'word/document.xml', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  { entry: 'xl/workbook.xml', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  { entry: 'ppt/presentation.xml', contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx' },
];

// Legacy Office files are OLE compound files; the stream that makes each one is named in UTF-16LE.
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const OLE: { stream: string; contentType: string; ext: string }[] = [
  { stream: 'WordDocument', contentType: 'application/msword', ext: 'doc' },
  { stream: 'Workbook', contentType: 'application/vnd.ms-excel', ext: 'xls' },
  { stream: 'PowerPoint Document', contentType: 'application/vnd.ms-powerpoint', ext: 'ppt' },
];

/** The names in a ZIP file's central directory; empty when it is not a readable ZIP. */
export function zipEntryNames(b: Uint8Array): string[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50) return [];
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > b.length) return [];
    names.push(decoder.decode(b.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function containsUtf16(b: Uint8Array, text: string): boolean {
  const needle = Buffer.from(text, 'utf16le');
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes(needle);
}

/**
 * What an attachment is, read from its content (magic numbers, the ZIP directory of an Office Open XML
 * file, the stream names of a legacy Office file), never from its name or the declared content type:
 * a renamed executable, script, archive or SVG stays undefined and is refused.
 */
export function sniffAttachment(bytes: Uint8Array): SniffedAttachment | undefined {
  const scan = sniffScanType(bytes);
  if (scan === 'application/pdf') return { kind: 'pdf', contentType: scan, ext: 'pdf' };
  if (scan === 'image/jpeg') return { kind: 'image', contentType: scan, ext: 'jpg' };
  if (scan === 'image/png') return { kind: 'image', contentType: scan, ext: 'png' };
  if (starts(bytes, ascii('GIF87a')) || starts(bytes, ascii('GIF89a'))) return { kind: 'image', contentType: 'image/gif', ext: 'gif' };
  if (starts(bytes, ascii('RIFF')) && starts(bytes, ascii('WEBP'), 8)) return { kind: 'image', contentType: 'image/webp', ext: 'webp' };
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = new Set(zipEntryNames(bytes));
    if (!names.has('[Content_Types].xml')) return undefined;
    const doc = OOXML.find((o) => names.has(o.entry));
    return doc && { kind: 'office', contentType: doc.contentType, ext: doc.ext };
  }
  if (starts(bytes, OLE_MAGIC)) {
    const doc = OLE.find((o) => containsUtf16(bytes, o.stream));
    return doc && { kind: 'office', contentType: doc.contentType, ext: doc.ext };
  }
  return undefined;
}
