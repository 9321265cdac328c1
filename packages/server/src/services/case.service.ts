import type { Database } from '../db/database.ts';
import type { Case } from '../db/schema.ts';
import { invalid, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { CaseRepository } from '../repositories/case.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';

export interface CaseQuery {
  unitId?: number;
  itemCode?: string;
  stage?: string;
  channel?: 'online' | 'offline';
  completedFrom?: Date;
  completedTo?: Date;
  caseNo?: string;
  /** Exact match through the blind index; rows are never decrypted to search. */
  phone?: string;
  idNumber?: string;
  limit: number;
  offset: number;
}

export const UNMASKABLE = ['name', 'idNumber', 'phone'] as const;
export type UnmaskField = (typeof UNMASKABLE)[number];

const ENCRYPTED: Record<UnmaskField, keyof Pick<Case, 'applicant_name_enc' | 'applicant_id_enc' | 'applicant_phone_enc'>> = {
  name: 'applicant_name_enc',
  idNumber: 'applicant_id_enc',
  phone: 'applicant_phone_enc',
};

/** Cases as staff read them: in their data scope, personal data masked unless unmasked with a reason. */
export class CaseService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditRepository,
  ) {}

  list(ctx: Ctx, query: CaseQuery) {
    requirePermission(ctx, 'case.read');
    const { phone, idNumber, ...rest } = query;
    for (const f of ['completedFrom', 'completedTo'] as const) {
      if (rest[f] && Number.isNaN(rest[f].getTime())) throw invalid(f, 'is not a valid instant');
    }
    if (rest.completedFrom && rest.completedTo && rest.completedFrom > rest.completedTo) throw invalid('completedTo', 'must not be before completedFrom');
    if (phone !== undefined && phone.replace(/[^0-9]/g, '').length < 5) throw invalid('phone', 'needs at least 5 digits');
    return this.cases.list(listScope(ctx), {
      ...rest,
      ...(phone !== undefined ? { phoneBidx: this.cipher.blindIndex('phone', phone) } : {}),
      ...(idNumber !== undefined ? { idBidx: this.cipher.blindIndex('id', idNumber) } : {}),
    });
  }

  /** One case with its stage events, masked. */
  async get(ctx: Ctx, id: number) {
    requirePermission(ctx, 'case.read');
    const row = await this.findInScope(ctx, id);
    return { ...row, stages: await this.cases.stages(id) };
  }

  /**
   * The plain values of some personal fields of one case. Every granted read is recorded in the
   * audit log with its reason before the values leave this method; a refused one changes nothing.
   */
  async unmask(ctx: Ctx, id: number, fields: UnmaskField[], reason: string) {
    requirePermission(ctx, 'pii.unmask');
    const why = reason.trim();
    if (Array.from(why).length < 5) throw invalid('reason', 'state a reason of at least 5 characters');
    const row = await this.findInScope(ctx, id);
    const wanted = [...new Set(fields)];
    const values: Partial<Record<UnmaskField, string | null>> = {};
    for (const f of wanted) {
      const enc = row[ENCRYPTED[f]];
      values[f] = enc ? this.cipher.decrypt(enc) : null;
    }
    await this.db.transaction().execute((trx) =>
      this.audit.append(trx, { ...auditActor(ctx), action: 'pii.unmask', targetType: 'case', targetId: id, detail: { caseNo: row.case_no, fields: wanted, reason: why } }),
    );
    return { id, caseNo: row.case_no, fields: values };
  }

  private async findInScope(ctx: Ctx, id: number) {
    const row = await this.cases.find(id);
    if (!row) throw notFound('case', 'id');
    requireInScope(ctx, { regionCode: row.region_code, orgPath: row.org_path }, 'case');
    return row;
  }
}
