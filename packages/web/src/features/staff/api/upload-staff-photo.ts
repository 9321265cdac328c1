import { apiRequest } from '@/lib/api-client.ts';
import type { StaffMember } from './list-staff.ts';

/**
 * PUT /api/staff/:id/photo (multipart "file"): a JPEG, PNG or WebP photo in place of the current one.
 * Another type is ApiError UNSUPPORTED_MEDIA_TYPE, too large PAYLOAD_TOO_LARGE (field "file").
 */
export function uploadStaffPhoto(id: number, file: File): Promise<StaffMember> {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiRequest(`/staff/${id}/photo`, { method: 'PUT', body });
}
