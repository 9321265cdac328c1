import { Button, Upload, type FormRule, type UploadFile } from 'antd';
import type { I18n } from '@/i18n/i18n-context.ts';

/** The server's upload limit for a scan (SCAN_MAX_BYTES in evaluation-entry.service.ts), not a rule of a region. */
export const SCAN_MAX_BYTES = 5 * 1024 * 1024;
const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const SCAN_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;

/** The file chosen, from the form value of an Upload (a list of at most one). */
export const scanFileOf = (list: UploadFile[] | undefined): File | undefined => list?.[0]?.originFileObj;

/**
 * The checks on a scan before anything is sent: required for a paper form, a PDF, JPEG or PNG, at
 * most 5 MB. The server checks again by the file's content.
 */
export function scanRules(t: I18n['t'], required: boolean): FormRule[] {
  return [
    {
      validator: async (_, list: UploadFile[] | undefined) => {
        const file = scanFileOf(list);
        if (!file) {
          if (required) throw new Error(t('entry.scan.required'));
          return;
        }
        if (!SCAN_TYPES.includes(file.type) && !SCAN_EXTENSIONS.test(file.name)) throw new Error(t('entry.scan.type'));
        if (file.size === 0) throw new Error(t('entry.scan.empty'));
        if (file.size > SCAN_MAX_BYTES) throw new Error(t('entry.scan.tooLarge'));
      },
    },
  ];
}

/** Picks one file, kept in the form until the rating is sent with it (nothing is uploaded on its own). */
export function ScanUpload({ id, value, onChange, t }: { id?: string; value?: UploadFile[]; onChange?: (list: UploadFile[]) => void; t: I18n['t'] }) {
  return (
    <Upload
      id={id}
      accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
      maxCount={1}
      fileList={value ?? []}
      beforeUpload={() => false}
      onChange={({ fileList }) => onChange?.(fileList.slice(-1))}
    >
      <Button>{t('entry.scan.choose')}</Button>
    </Upload>
  );
}
