import { Type } from '@fastify/type-provider-typebox';
import { DEVICE_REQUEST_STATUSES, devicePairingState } from '@hcp/domain';
import type { DeviceWithWindow } from '../../repositories/device.repository.ts';
import type { RequestProgress } from '../../services/device-request.service.ts';
import { Nullable, StringEnum } from '../shared/schemas.ts';

const Id = (description: string) => Type.Integer({ minimum: 1, maximum: 2147483647, description });
const Instant = Type.String({ format: 'date-time' });
const iso = (d: Date | null) => d?.toISOString() ?? null;

export const DeviceView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  windowId: Type.Integer(),
  windowName: Type.String(),
  hallName: Nullable(Type.String()),
  state: StringEnum(['inactive', 'paired', 'pairing', 'unpaired'] as const, { description: 'pairing = a code is waiting to be typed on the tablet' }),
  active: Type.Boolean(),
  pairedAt: Nullable(Instant),
  pairingExpiresAt: Nullable(Instant),
  lastSeenAt: Nullable(Instant),
  createdAt: Instant,
});

export const deviceView = (d: DeviceWithWindow, now = new Date()) => ({
  id: d.id,
  name: d.name,
  windowId: d.window_id,
  windowName: d.window_name,
  hallName: d.hall_name,
  state: devicePairingState({ active: d.active, paired: !!d.token_hash, pairingExpiresAt: d.pairing_expires_at }, now),
  active: d.active,
  pairedAt: iso(d.paired_at),
  pairingExpiresAt: iso(d.pairing_expires_at),
  lastSeenAt: iso(d.last_seen_at),
  createdAt: d.created_at.toISOString(),
});

export const PairingCodeResponse = Type.Object({
  device: DeviceView,
  pairingCode: Type.String({ description: 'six digits, shown once: type it on the tablet at /device' }),
  pairingExpiresAt: Instant,
});

export const InviteResponse = Type.Object({
  requestId: Type.Integer(),
  status: Type.Literal('sent'),
  expiresAt: Instant,
}, { description: 'The rating itself is never part of any answer to staff or approval systems.' });

export const RequestProgressView = Type.Object({
  requestId: Type.Integer(),
  status: StringEnum(DEVICE_REQUEST_STATUSES, { description: 'done = the evaluator finished; the level is not disclosed' }),
  windowId: Type.Integer(),
  caseNo: Type.String(),
  createdAt: Instant,
  expiresAt: Instant,
  finishedAt: Nullable(Instant),
});

export const progressView = (p: RequestProgress) => ({
  ...p,
  createdAt: p.createdAt.toISOString(),
  expiresAt: p.expiresAt.toISOString(),
  finishedAt: iso(p.finishedAt),
});

export const WindowId = Id('organisation id of the window whose device should show the rating screen');
export const VisitNo = Type.Integer({ minimum: 1, maximum: 99, description: 'the visit of an offline case (一次一评); 1 when omitted' });

const Label = { zh: Type.String(), en: Type.String() };

export const IdleStateView = Type.Object({
  deviceId: Type.Integer(),
  deviceName: Type.String(),
  window: Type.Object({ id: Type.Integer(), name: Type.String(), hall: Nullable(Type.String()) }),
  staff: Type.Array(Type.Object({ name: Type.String(), employeeNo: Type.String(), title: Nullable(Type.String()), photoUrl: Nullable(Type.String()) }), { description: 'staff on duty: those working at this window' }),
});

/** The data of the `evaluate` event, documented here for device makers. */
export const EvaluateEventView = Type.Object({
  requestId: Type.Integer(),
  caseNo: Type.String({ description: 'masked' }),
  itemName: Type.String(),
  mode: StringEnum(['online', 'offline'] as const),
  expiresAt: Instant,
  levels: Type.Array(Type.Object({ level: Type.Integer(), ...Label, bad: Type.Boolean() })),
  tags: Type.Array(Type.Object({ code: Type.String(), level: Type.Integer(), ...Label })),
  content: Type.Array(Type.Object({ code: Type.String(), ...Label })),
  badRatingNeeds: StringEnum(['tag_or_text', 'tag', 'text', 'none'] as const),
  textMaxLength: Type.Integer(),
});

export const DeviceSubmission = Type.Object(
  {
    level: Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意 … 1 非常不满意' }),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 3, maxLength: 3 }), { maxItems: 20 })),
    text: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    scores: Type.Optional(Type.Record(Type.String({ maxLength: 32 }), Type.Integer({ minimum: 1, maximum: 5 }), { maxProperties: 20 })),
    idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$', description: 'the same key again returns the first answer and stores nothing twice' })),
  },
  { additionalProperties: false },
);
