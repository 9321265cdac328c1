import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { ApiError } from '@/lib/api-client.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { deleteStaffPhoto } from '../api/delete-staff-photo.ts';
import type { StaffMember } from '../api/list-staff.ts';
import { uploadStaffPhoto } from '../api/upload-staff-photo.ts';

/** The types the server accepts, read from the bytes there; the picker only narrows the choice. */
const ACCEPT = 'image/jpeg,image/png,image/webp';

/**
 * 照片: the photo the rating device shows for a staff member. Pick a JPEG, PNG or WebP file, see it,
 * upload it in place of the current one, or delete the uploaded one.
 */
export function StaffPhotoModal({ member, onClose, onChanged }: { member: StaffMember | undefined; onClose: () => void; onChanged: (m: StaffMember) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  useEffect(() => {
    setFile(null);
    setError(null);
  }, [member?.id]);

  const run = async (action: () => Promise<StaffMember>, done: string) => {
    setPending(true);
    setError(null);
    try {
      const m = await action();
      setFile(null);
      message.success(done);
      onChanged(m);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : undefined;
      setError(code === 'UNSUPPORTED_MEDIA_TYPE' ? t('staff.photoWrongType') : code === 'PAYLOAD_TOO_LARGE' ? t('staff.photoTooLarge') : errorMessage(e, t));
    } finally {
      setPending(false);
    }
  };
  const current = member?.photo?.url ?? member?.photoUrl ?? null;

  return (
    <Modal open={member !== undefined} title={t('staff.photoTitle', { name: member?.name ?? '' })} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>} destroyOnHidden>
      {member && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div>
            <Typography.Text strong>{t('staff.photoCurrent')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              {current ? <img src={current} alt={t('staff.photoOf', { name: member.name })} style={{ width: 120, height: 160, objectFit: 'cover', borderRadius: 8 }} /> : <Typography.Text type="secondary">{t('staff.photoNone')}</Typography.Text>}
            </div>
          </div>
          <div>
            <label htmlFor="staff-photo-file">
              <Typography.Text strong>{t('staff.photoFile')}</Typography.Text>
            </label>
            <div style={{ marginTop: 8 }}>
              <input id="staff-photo-file" type="file" accept={ACCEPT} aria-describedby="staff-photo-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </div>
            <Typography.Paragraph type="secondary" id="staff-photo-hint" style={{ marginTop: 8 }}>
              {t('staff.photoFileHint')}
            </Typography.Paragraph>
            {preview && <img src={preview} alt={t('staff.photoChosen')} style={{ width: 120, height: 160, objectFit: 'cover', borderRadius: 8 }} />}
          </div>
          <div aria-live="polite">{error && <Alert type="error" showIcon role="alert" title={error} />}</div>
          <Space wrap>
            <Button type="primary" disabled={!file || pending} aria-busy={pending} onClick={() => file && void run(() => uploadStaffPhoto(member.id, file), t('staff.photoUploaded'))}>
              {t('staff.photoUpload')}
            </Button>
            {member.photo && (
              <Button danger disabled={pending} onClick={() => void run(() => deleteStaffPhoto(member.id), t('staff.photoDeleted'))}>
                {t('staff.photoDelete')}
              </Button>
            )}
          </Space>
        </Space>
      )}
    </Modal>
  );
}
