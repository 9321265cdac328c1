import { describe, expect, it } from 'vitest';
import { sniffScanType } from './content-sniff.ts';

describe('scan types from magic bytes', () => {
  it('recognises PDF, JPEG and PNG', () => {
    expect(sniffScanType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
    expect(sniffScanType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]))).toBe('image/jpeg');
    expect(sniffScanType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBe('image/png');
  });

  it('refuses everything else, however it is named', () => {
    expect(sniffScanType(Buffer.from('MZ\x90\x00'))).toBeUndefined();
    expect(sniffScanType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffScanType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffScanType(Buffer.from('%PD'))).toBeUndefined();
    expect(sniffScanType(new Uint8Array())).toBeUndefined();
  });
});
