import { describe, expect, test } from 'vitest';
import { CITIZEN_MESSAGES } from './citizen-messages.ts';
import { CONSOLE_MESSAGES } from './console-messages.ts';
import { DEVICE_MESSAGES } from './device-messages.ts';
import { DICTIONARIES } from './dictionary.ts';
import { PORTAL_MESSAGES } from './portal-messages.ts';

/**
 * English is complete: every dictionary of the web app has the same keys in zh-CN and English, no
 * message is empty, the `{placeholders}` agree, and no English message is still Chinese.
 */
const dictionaries: Record<string, { 'zh-CN': Record<string, string>; en: Record<string, string> }> = {
  core: DICTIONARIES,
  console: CONSOLE_MESSAGES,
  citizen: CITIZEN_MESSAGES,
  device: DEVICE_MESSAGES,
  portal: PORTAL_MESSAGES,
};

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Chinese characters outside a quotation of the product's or a document's Chinese name (好差评, 适老化 …). */
const untranslated = (s: string) => /[\u4e00-\u9fff]/.test(s.replace(/[(（“"][^)）”"]*[\u4e00-\u9fff][^)）”"]*[)）”"]/g, '').replace(/\([^)]*\)/g, ''));

describe.each(Object.entries(dictionaries))('the %s messages', (_name, dict) => {
  const zh = dict['zh-CN'];
  const en = dict.en;

  test('have the same keys in both languages', () => {
    expect(Object.keys(en).filter((k) => !(k in zh)), 'English keys without Chinese').toEqual([]);
    expect(Object.keys(zh).filter((k) => !(k in en)), 'Chinese keys without English').toEqual([]);
  });

  test('are never empty and use the same placeholders', () => {
    for (const [key, text] of Object.entries(zh)) {
      expect(text.trim(), `zh-CN ${key}`).not.toBe('');
      expect(en[key]?.trim(), `en ${key}`).not.toBe('');
      expect(placeholders(en[key] ?? ''), `placeholders of ${key}`).toEqual(placeholders(text));
    }
  });

  test('are translated into English', () => {
    expect(Object.entries(en).filter(([, text]) => untranslated(text)).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});
