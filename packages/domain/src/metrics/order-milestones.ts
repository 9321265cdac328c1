import type { WorkOrderState } from '../work-order/work-order.ts';

/** What a work order (整改工单) has reached, as the statistics count it. */
export interface OrderMilestones {
  /** Closed because an appeal (复核申诉) was upheld: the rating was 误评 or 恶意; the order counts nowhere else. */
  appealUpheld: boolean;
  /** Closed as 无法整改 by an approver: left out of the rectification rate. */
  unrectifiable: boolean;
  /** Rectified (整改), or explained (解释说明) and answered: the unit has done its part at least once. */
  rectified: boolean;
  /** Feedback (反馈/回复) reached the evaluator at least once. */
  replied: boolean;
  /** The 12345 revisit (回访) happened at least once. */
  revisited: boolean;
  /** The evaluator was satisfied at the revisit: the order closed resolved. */
  satisfied: boolean;
}

const none: OrderMilestones = { appealUpheld: false, unrectifiable: false, rectified: false, replied: false, revisited: false, satisfied: false };

/**
 * The milestones of each state in the first pass (review round 1). A Record over every state, so a
 * state added to the machine does not compile until it is placed here (and in the statistics
 * migration's SQL function, which a test compares with this table).
 */
const BY_STATE: Record<WorkOrderState, OrderMilestones> = {
  opened: none,
  assigned: none,
  verifying: none,
  decided: none,
  rectified: { ...none, rectified: true },
  // An explanation (解释说明) goes from decided straight to feedback: answered counts as rectified.
  feedback_given: { ...none, rectified: true, replied: true },
  closed_resolved: { ...none, rectified: true, replied: true, revisited: true, satisfied: true },
  closed_unresolved: { ...none, rectified: true, replied: true, revisited: true },
  closed_appeal_upheld: { ...none, appealUpheld: true },
  closed_unrectifiable: { ...none, unrectifiable: true },
};

/**
 * The milestones of an order in `state` during review round `reviewRound`. A second round (复核)
 * starts only after an unsatisfied revisit, so from round 2 on the order has been rectified, answered
 * and revisited whatever state the new round is in. An upheld appeal overrides everything: such an
 * order is left out of the statistics of the closed loop. Implied by the table: satisfied ⊆ revisited,
 * and rectified never together with unrectifiable or appealUpheld.
 */
export function orderMilestones(state: WorkOrderState, reviewRound: number): OrderMilestones {
  const base = BY_STATE[state];
  if (base.appealUpheld) return base;
  // 无法整改 approved: never counted as rectified, so the rectification rate stays within its denominator.
  if (reviewRound > 1) return { ...base, rectified: !base.unrectifiable, replied: true, revisited: true };
  return base;
}
