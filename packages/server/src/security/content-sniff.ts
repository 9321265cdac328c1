/** What a scanned paper form may be. */
export const SCAN_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ScanContentType = (typeof SCAN_CONTENT_TYPES)[number];

const SIGNATURES: { type: ScanContentType; magic: number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * The type of a scan read from its first bytes (magic numbers), never from the name or the declared
 * content type a client sends: a renamed executable stays unknown. Undefined for anything else.
 */
export function sniffScanType(bytes: Uint8Array): ScanContentType | undefined {
  return SIGNATURES.find((s) => s.magic.length <= bytes.length && s.magic.every((b, i) => bytes[i] === b))?.type;
}
