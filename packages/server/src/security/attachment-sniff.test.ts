import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { xlsx } from '../../test/multipart.ts';
import { sniffAttachment, zipEntryNames } from './attachment-sniff.ts';

const oleWith = (stream: string) =>
  Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(500), Buffer.from(stream, 'utf16le'), randomBytes(100)]);

describe('what an attachment is, read from its content', () => {
  it('images, PDF and Office documents are recognised whatever they are called', async () => {
    expect(sniffAttachment(Buffer.from('%PDF-1.7\n%%EOF'))).toEqual({ kind: 'pdf', contentType: 'application/pdf', ext: 'pdf' });
    expect(sniffAttachment(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(20)]))?.contentType).toBe('image/png');
    expect(sniffAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]))?.contentType).toBe('image/jpeg');
    expect(sniffAttachment(Buffer.from('GIF89a\x01\x00'))?.contentType).toBe('image/gif');
    expect(sniffAttachment(Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 0, 0, 0]), Buffer.from('WEBPVP8 ')]))?.contentType).toBe('image/webp');
    const book = await xlsx([['整改台账'], [1]]);
    expect(zipEntryNames(book)).toContain('xl/workbook.xml');
    expect(sniffAttachment(book)).toEqual({ kind: 'office', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' });
    expect(sniffAttachment(oleWith('WordDocument'))).toMatchObject({ kind: 'office', ext: 'doc' });
    expect(sniffAttachment(oleWith('Workbook'))).toMatchObject({ kind: 'office', ext: 'xls' });
  });

  it('executables, scripts, SVG, plain ZIP archives and other compound files are refused', async () => {
    expect(sniffAttachment(Buffer.concat([Buffer.from('MZ'), randomBytes(100)]))).toBeUndefined();
    expect(sniffAttachment(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeUndefined();
    expect(sniffAttachment(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBeUndefined();
    // A ZIP that is not an Office document (the same bytes with the content-types entry renamed).
    const book = await xlsx([['x']]);
    const renamed = Buffer.from(book.toString('latin1').replaceAll('[Content_Types].xml', '[Content_Typez].xml'), 'latin1');
    expect(zipEntryNames(renamed)).toContain('[Content_Typez].xml');
    expect(sniffAttachment(renamed)).toBeUndefined();
    // An installer (MSI) is a compound file too, without an Office stream.
    expect(sniffAttachment(oleWith('SummaryInformation'))).toBeUndefined();
    expect(sniffAttachment(Buffer.alloc(0))).toBeUndefined();
    expect(sniffAttachment(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBeUndefined();
  });
});
