import { groupBy, uniqueById, type Finding } from './finding.ts';

export interface IdentifiedRating {
  id: number;
  /** The staff member rated (the case's handling staff). */
  staffId: number | null;
  /** Blind indexes of the evaluator's phone and ID number; known for real-name ratings only. */
  evaluatorPhoneBidx: string | null;
  evaluatorIdBidx: string | null;
}

/** A staff member's own phone and ID number, as blind indexes (never in clear). */
export interface StaffIdentity {
  staffId: number;
  phoneBidx: string | null;
  idBidx: string | null;
}

/**
 * Staff rating their own cases (自评): the evaluator's phone or ID number (real-name ratings, as blind
 * indexes) is the one registered for the staff member the rating is about. One finding per staff
 * member. Nothing is inferred from names.
 */
export function detectSelfRatings(ratings: readonly IdentifiedRating[], staff: readonly StaffIdentity[]): Finding[] {
  const byStaff = new Map(staff.map((s) => [s.staffId, s]));
  const hits = uniqueById(ratings).flatMap((r) => {
    const s = r.staffId === null ? undefined : byStaff.get(r.staffId);
    if (!s) return [];
    const phone = !!s.phoneBidx && s.phoneBidx === r.evaluatorPhoneBidx;
    const id = !!s.idBidx && s.idBidx === r.evaluatorIdBidx;
    return phone || id ? [{ rating: r, staffId: s.staffId, by: phone && id ? 'phone+id' : phone ? 'phone' : 'id' }] : [];
  });
  return [...groupBy(hits, (h) => h.staffId)].map(([staffId, list]) => {
    const byPhone = list.filter((h) => h.by !== 'id').length;
    const byId = list.filter((h) => h.by !== 'phone').length;
    return {
      detector: 'self_rating' as const,
      subject: `staff:${staffId}`,
      ratingIds: list.map((h) => h.rating.id),
      score: 1,
      reason: {
        zh: `${list.length} 条实名评价的评价人手机号或身份证号与被评价的工作人员 #${staffId} 登记的一致（手机号 ${byPhone} 条，身份证号 ${byId} 条）`,
        en: `${list.length} real-name ratings were given with the phone or ID number registered for the rated staff member #${staffId} (phone ${byPhone}, ID ${byId})`,
      },
      evidence: { staffId, ratings: list.length, byPhone, byId },
    };
  });
}
