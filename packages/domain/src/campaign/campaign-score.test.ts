import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_CHANNELS, checkCampaignConfig, DEFAULT_CAMPAIGN_CONFIG, withCampaignDefaults, type CampaignChannel, type CampaignConfig } from './campaign-config.ts';
import { campaignChannelScore, campaignQuarterScore, roundCampaignScore, campaignYearScore, type CampaignLevelCounts } from './campaign-score.ts';

const counts = fc.record({ 1: fc.nat(50), 2: fc.nat(50), 3: fc.nat(50), 4: fc.nat(50), 5: fc.nat(50) }, { requiredKeys: [] }) as fc.Arbitrary<CampaignLevelCounts>;
const inputs = fc.record(Object.fromEntries(CAMPAIGN_CHANNELS.map((c) => [c, counts])) as Record<CampaignChannel, fc.Arbitrary<CampaignLevelCounts>>, { requiredKeys: [] });

/** Weights in whole points adding up to 100, as an administrator would set them. */
const weights = fc.array(fc.nat(100), { minLength: 4, maxLength: 4 }).map((cuts) => {
  const sorted = [0, ...cuts.sort((a, b) => a - b), 100];
  return Object.fromEntries(CAMPAIGN_CHANNELS.map((c, i) => [c, sorted[i + 1]! - sorted[i]!])) as Record<CampaignChannel, number>;
});
const configs: fc.Arbitrary<CampaignConfig> = fc.record({
  weights,
  noDataLevel: fc.integer({ min: 1, max: 5 }),
  level2: fc.integer({ min: 0, max: 10 }),
  level1: fc.integer({ min: 0, max: 20 }),
  max: fc.integer({ min: 0, max: 100 }),
}).map((r) => ({ ...DEFAULT_CAMPAIGN_CONFIG, weights: r.weights, noDataLevel: r.noDataLevel, deductions: { level2: r.level2, level1: r.level1, maxPerQuarter: r.max } }));

const add = (c: CampaignLevelCounts | undefined, level: 1 | 2 | 3 | 4 | 5, k = 1): CampaignLevelCounts => ({ ...c, [level]: (c?.[level] ?? 0) + k });

describe('campaign channel score (seed 002: levels 5…1 score 5…1, count-weighted, no data = 3)', () => {
  it('is the count-weighted mean of the levels', () => {
    expect(campaignChannelScore({ 5: 3, 4: 1 }, 3)).toEqual({ n: 4, mean: 4.75, score: 4.75 });
    expect(campaignChannelScore({ 1: 1, 5: 1 }, 3)).toEqual({ n: 2, mean: 3, score: 3 });
  });

  it('scores the no-data level without results', () => {
    expect(campaignChannelScore({}, 3)).toEqual({ n: 0, mean: null, score: 3 });
    expect(campaignChannelScore({ 1: 0, 5: 0 }, 4).score).toBe(4);
  });

  it('lies between the lowest and highest level given', () => {
    fc.assert(fc.property(counts, (c) => {
      const s = campaignChannelScore(c, 3);
      const given = ([1, 2, 3, 4, 5] as const).filter((l) => (c[l] ?? 0) > 0);
      if (given.length === 0) return s.score === 3 && s.n === 0;
      return s.score >= Math.min(...given) - 1e-9 && s.score <= Math.max(...given) + 1e-9;
    }));
  });

  it('refuses negative or fractional counts', () => {
    expect(() => campaignChannelScore({ 5: -1 }, 3)).toThrow(RangeError);
    expect(() => campaignChannelScore({ 5: 1.5 }, 3)).toThrow(RangeError);
  });
});

describe('campaign quarter score (100 points)', () => {
  it('with the default weights: a worked example', () => {
    const q = campaignQuarterScore(DEFAULT_CAMPAIGN_CONFIG, {
      portal: { 5: 8, 4: 2 }, // 4.8 → 40 × 4.8 / 5 = 38.4
      hotline: { 3: 1 }, // 3 → 12
      questionnaire: {}, // no data: 3 → 12
      revisit: { 5: 1, 4: 1 }, // 4.5 → 18
      complaint: { 2: 2, 1: 1 }, // weight 0; deducts 2 × 1 + 1 × 2 = 4
    });
    expect(q.channels.portal).toMatchObject({ n: 10, score: 4.8, points: 38.4 });
    expect(q.channels.questionnaire).toMatchObject({ n: 0, mean: null, score: 3, points: 12 });
    expect(q.deduction).toEqual({ raw: 4, applied: 4 });
    expect(roundCampaignScore(q.total)).toBe(76.4);
  });

  it('no data anywhere scores 3/5 of 100 = 60; all 非常满意 scores 100', () => {
    expect(campaignQuarterScore(DEFAULT_CAMPAIGN_CONFIG, {}).total).toBe(60);
    const all5 = Object.fromEntries(CAMPAIGN_CHANNELS.filter((c) => c !== 'complaint').map((c) => [c, { 5: 7 }]));
    expect(roundCampaignScore(campaignQuarterScore(DEFAULT_CAMPAIGN_CONFIG, all5).total)).toBe(100);
  });

  it('always lies within 0…100 and deducts at most the cap', () => {
    fc.assert(fc.property(configs, inputs, (cfg, inp) => {
      const q = campaignQuarterScore(cfg, inp);
      return q.total >= 0 && q.total <= 100 && q.deduction.applied <= cfg.deductions.maxPerQuarter && q.deduction.applied <= q.deduction.raw;
    }));
  });

  it('the channels’ points add up to the total before deductions (when nothing is clamped)', () => {
    fc.assert(fc.property(configs, inputs, (cfg, inp) => {
      const q = campaignQuarterScore(cfg, inp);
      const points = CAMPAIGN_CHANNELS.reduce((s, c) => s + q.channels[c].points, 0);
      return Math.abs(Math.max(0, points - q.deduction.applied) - q.total) < 1e-9;
    }));
  });

  it('one more 非常满意 in any channel never lowers the total', () => {
    fc.assert(fc.property(configs, inputs, fc.constantFrom(...CAMPAIGN_CHANNELS.filter((c) => c !== 'complaint')), (cfg, inp, ch) => {
      const before = campaignQuarterScore(cfg, inp).total;
      const after = campaignQuarterScore(cfg, { ...inp, [ch]: add(inp[ch], 5) }).total;
      return after >= before - 1e-9;
    }));
  });

  it('one more verified 非常不满意 complaint never raises the total', () => {
    fc.assert(fc.property(configs, inputs, (cfg, inp) => {
      const before = campaignQuarterScore(cfg, inp).total;
      const after = campaignQuarterScore(cfg, { ...inp, complaint: add(inp.complaint, 1) }).total;
      return after <= before + 1e-9;
    }));
  });

  it('only proportions count: multiplying every count by k changes no channel score', () => {
    fc.assert(fc.property(configs, inputs, fc.integer({ min: 2, max: 5 }), (cfg, inp, k) => {
      const { complaint: _c, ...rated } = inp;
      const scaled = Object.fromEntries(Object.entries(rated).map(([ch, c]) => [ch, Object.fromEntries(Object.entries(c).map(([l, n]) => [l, n * k]))]));
      return Math.abs(campaignQuarterScore(cfg, rated).total - campaignQuarterScore(cfg, scaled).total) < 1e-9;
    }));
  });

  it('a channel with weight 0 does not move the total', () => {
    const cfg = { ...DEFAULT_CAMPAIGN_CONFIG, weights: { portal: 50, hotline: 50, questionnaire: 0, revisit: 0, complaint: 0 } };
    fc.assert(fc.property(counts, (c) => campaignQuarterScore(cfg, { questionnaire: c }).total === campaignQuarterScore(cfg, {}).total));
  });
});

describe('campaign year score', () => {
  it('is the mean of the quarters, between the lowest and highest', () => {
    expect(campaignYearScore([80, 90, 70, 60])).toBe(75);
    expect(campaignYearScore([])).toBeNull();
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 4 }), (qs) => {
      const y = campaignYearScore(qs)!;
      return y >= Math.min(...qs) - 1e-9 && y <= Math.max(...qs) + 1e-9;
    }));
  });

  it('rounds to two decimals, halves away from zero', () => {
    expect(roundCampaignScore(76.405)).toBe(76.41);
    expect(roundCampaignScore(59.994)).toBe(59.99);
    expect(roundCampaignScore(100)).toBe(100);
  });
});

describe('campaign scoring rules (config)', () => {
  it('the default passes its own check', () => {
    expect(checkCampaignConfig(DEFAULT_CAMPAIGN_CONFIG)).toEqual([]);
  });

  it('names what is wrong', () => {
    const fields = (c: CampaignConfig) => checkCampaignConfig(c).map((p) => p.field);
    expect(fields({ ...DEFAULT_CAMPAIGN_CONFIG, weights: { ...DEFAULT_CAMPAIGN_CONFIG.weights, portal: 50 } })).toEqual(['weights']);
    expect(fields({ ...DEFAULT_CAMPAIGN_CONFIG, weights: { ...DEFAULT_CAMPAIGN_CONFIG.weights, portal: -1 } })).toEqual(['weights.portal']);
    expect(fields({ ...DEFAULT_CAMPAIGN_CONFIG, noDataLevel: 0 })).toEqual(['noDataLevel']);
    expect(fields({ ...DEFAULT_CAMPAIGN_CONFIG, yearEndMonth: 9 })).toEqual(['yearEndMonth']);
    expect(fields({ ...DEFAULT_CAMPAIGN_CONFIG, hotlineChannels: ['phone', 'pc'] })).toEqual(['hotlineChannels.1']);
    expect(fields({ ...DEFAULT_CAMPAIGN_CONFIG, portalChannels: ['default'] })).toEqual(['portalChannels.0']);
    expect(fields({ ...DEFAULT_CAMPAIGN_CONFIG, deductions: { level2: 1, level1: 2, maxPerQuarter: 101 } })).toEqual(['deductions.maxPerQuarter']);
  });

  it('an older stored version takes the defaults of fields it lacks', () => {
    const old = withCampaignDefaults({ weights: { portal: 25, hotline: 25, questionnaire: 25, revisit: 25 } as CampaignConfig['weights'] });
    expect(old.weights.complaint).toBe(0);
    expect(old.yearEndMonth).toBe(11);
    expect(checkCampaignConfig(old)).toEqual([]);
  });
});
