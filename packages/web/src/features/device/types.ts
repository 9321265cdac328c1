/** The idle screen's content: the window, its hall and the staff on duty (GET /api/device/state). */
export interface IdleState {
  deviceId: number;
  deviceName: string;
  window: { id: number; name: string; hall: string | null };
  staff: { name: string; employeeNo: string; title: string | null; photoUrl: string | null }[];
}

export interface Choice {
  zh: string;
  en: string;
}

/** The rating screen's content, from the `evaluate` event: the case and the region's policy choices. */
export interface EvaluateEvent {
  requestId: number;
  caseNo: string;
  itemName: string;
  mode: 'online' | 'offline';
  expiresAt: string;
  levels: (Choice & { level: number; bad: boolean })[];
  tags: (Choice & { code: string; level: number })[];
  content: (Choice & { code: string })[];
  badRatingNeeds: 'tag_or_text' | 'tag' | 'text' | 'none';
  textMaxLength: number;
}

export interface DeviceSubmission {
  level: number;
  tags: string[];
  text: string | null;
  idempotencyKey: string;
}
