import { NATIONAL_DEFAULT_POLICY } from '@hcp/domain';
import { DEFAULT_CAMPAIGN_CONFIG, shanghaiDateOf } from '@hcp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, seedCaseWorld, type CaseWorld } from './case-fixtures.ts';
import { multipartFile } from './multipart.ts';
import { completedCase, inviteByKey, pairedDevice } from './device-fixtures.ts';
import { createTestApp, loginAs, PASSWORD, system, type TestApp } from './test-app.ts';

type Probe = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: unknown; multipartBody?: ReturnType<typeof multipartFile> };

/**
 * The data-scope guarantee, route by route: a supervisor of 兴庆区 (640104) — the role with the most
 * write permissions a county has — tries every API route against records of 灵武市 (640181).
 * Every route of the OpenAPI document must appear below, so a new route cannot skip this test.
 */
describe('no route lets one county read or change another county’s records', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let xq: string;
  let lingwuCaseId: number;
  let lingwuStaff: number;
  let lingwuUser: number;
  let lingwuImport: number;
  let lingwuDevice: { id: number; token: string };
  let lingwuDeviceRequest: number;
  let lingwuCompletedCase: number;
  let lingwuEvaluation: number;
  let lingwuRatedCase: number;
  let lingwuWorkOrder: number;
  let lingwuFlag: number;
  let lingwuAttachment: number;
  let lingwuRequest: number;
  let lingwuNotification: number;
  let lingwuCampaign: number;
  let lingwuReport: number;
  let lingwuSample: number;
  let lingwuRevisitTask: number;
  let lingwuSupervisionAlert: number;
  let probes: Record<string, Probe | { exempt: string }>;

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    const pushed = await pushCase(ta, w.lwKey, aCase('LW-2026-0001'));
    lingwuCaseId = pushed.json().id;
    lingwuStaff = w.staffId;
    await ta.c.services.platforms.create(system, { regionCode: '640181000000', kind: 'terminal', code: 'LW-T1', name: '灵武自助终端' });
    await ta.c.services.calendar.save(system, '640181000000', [{ date: '2026-12-01', kind: 'holiday', name: '灵武假日' }], undefined);
    const lw = await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' });
    lingwuUser = lw.userId;
    const up = multipartFile('orgs.csv', 'region_code,kind,code,name\n640181,unit,LW-SFJ,灵武市司法局\n');
    const imported = await ta.app.inject({ method: 'POST', url: '/api/imports/organisations', headers: { cookie: lw.cookie, ...up.headers }, payload: up.payload });
    expect(imported.statusCode).toBe(200);
    lingwuImport = imported.json().id;
    lingwuDevice = await pairedDevice(ta, (await loginAs(ta, 'device.admin', 'sysadmin')).cookie, w.window.id);
    lingwuCompletedCase = await completedCase(ta, w, 'LW-2026-0002');
    lingwuDeviceRequest = (await inviteByKey(ta, w.lwKey, { caseNo: 'LW-2026-0002', windowId: w.window.id })).json().requestId;
    lingwuRatedCase = await completedCase(ta, w, 'LW-2026-0003');
    lingwuEvaluation = (await ta.c.services.evaluations.record(system, { caseId: lingwuRatedCase, channel: 'device', level: 4 })).id;
    const badCase = await completedCase(ta, w, 'LW-2026-0004');
    const badRating = await ta.c.services.evaluations.record(system, { caseId: badCase, channel: 'device', level: 1, tags: ['101'] });
    lingwuWorkOrder = (await ta.c.repos.workOrders.findByEvaluation(badRating.id))!.id;
    lingwuFlag = await ta.c.db.transaction().execute(async (trx) => {
      const id = await ta.c.repos.detection.insertFlag(trx, {
        detector: 'burst_device', subject: 'device:1@2026-11-03', unit_id: w.mz.id, region_code: '640181000000', org_path: w.mz.path, score: 1,
        reason: JSON.stringify({ zh: '灵武评价器集中评价', en: 'burst' }), evidence: '{}', rating_count: 1, first_at: new Date(), last_at: new Date(),
      });
      await ta.c.repos.detection.link(trx, id, 'burst_device', [lingwuEvaluation]);
      return id;
    });
    lingwuAttachment = (await ta.c.services.workOrderAttachments.upload(system, lingwuWorkOrder, { filename: '灵武证据.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') })).attachment.id;
    lingwuRequest = (await ta.c.services.workOrderRequests.file(system, lingwuWorkOrder, 'appeal', { reason: '灵武的申诉' })).request.id;
    await ta.c.services.suggestions.submit(system, { text: '灵武窗口的意见', unitId: w.mz.id }, '10.9.9.9');
    xq = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
    await ta.c.db.transaction().execute((trx) =>
      ta.c.services.notifications.notify(trx, [lingwuUser], { kind: 'workorder.warning', title: `【预警】工单 #${lingwuWorkOrder}`, body: '灵武市民政局的差评整改工单', targetType: 'work_order', targetId: lingwuWorkOrder, dedupeKey: 'scope-matrix', at: new Date() }),
    );
    lingwuNotification = (await ta.c.db.selectFrom('notifications').select('id').where('user_id', '=', lingwuUser).executeTakeFirstOrThrow()).id;
    // A campaign (群众评议), a report (通报) and a 监督查评 sample of 灵武市, with one revisit task.
    lingwuCampaign = (await ta.c.services.campaigns.create(system, { regionCode: '640181000000', year: 2026 })).campaign.id;
    await ta.c.services.campaigns.setObjects(system, lingwuCampaign, [{ orgId: w.mz.id, group: 'hall_government' }]);
    lingwuReport = (await ta.c.services.reports.request(system, { regionCode: '640181000000', periodKind: 'month', period: '2026-11' })).report.id;
    await ta.c.services.evaluations.record(system, { caseId: await completedCase(ta, w, 'LW-B3-0001'), channel: 'device', level: 5, realName: true });
    const drawn = await ta.c.services.revisits.draw(system, { regionCode: '640181000000', periodKind: 'month', period: shanghaiDateOf(new Date()).slice(0, 7), size: 5, seed: 'scope' });
    lingwuSample = drawn.preview ? 0 : drawn.sample.id;
    lingwuRevisitTask = (await ta.c.db.selectFrom('revisit_tasks').select('id').where('sample_id', '=', lingwuSample).executeTakeFirstOrThrow()).id;
    // A supervision alert (督办预警) about 灵武市民政局.
    lingwuSupervisionAlert = (await ta.c.db.transaction().execute((trx) => ta.c.repos.supervisionAlerts.claim(trx, {
      kind: 'unit_overdue', subject_id: w.mz.id, unit_id: w.mz.id, staff_id: null, region_code: '640181000000', org_path: w.mz.path, period_kind: 'month', period_key: '2026-11',
      period_from: '2026-11-01', period_to: '2026-11-30', first_figures: '{}', figures: '{}', policy_region_code: '000000000000', policy_version: 1, raised_at: new Date(), checked_at: new Date(),
    })))!;
    const platform = (await ta.c.repos.platforms.list({ regionCode: null, orgPath: null }, { limit: 10, offset: 0 }))[0]!;
    const orgUp = multipartFile('orgs.csv', 'region_code,kind,code,name\n640181,unit,LW-NEW,越权新单位\n');
    probes = {
      'GET /api/regions': { exempt: 'region names and codes (GB/T 2260) are public to all staff' },
      'GET /api/regions/{code}': { exempt: 'region names and codes (GB/T 2260) are public to all staff' },
      'POST /api/regions': { method: 'POST', url: '/api/regions', payload: { code: '640181102', name: '崇兴镇', parentCode: '640181' } },
      'PATCH /api/regions/{code}': { method: 'PATCH', url: '/api/regions/640181', payload: { name: '改名' } },
      'GET /api/organisations': { method: 'GET', url: '/api/organisations?limit=500' },
      'GET /api/organisations/{id}': { method: 'GET', url: `/api/organisations/${w.mz.id}` },
      'POST /api/organisations': { method: 'POST', url: '/api/organisations', payload: { regionCode: '640181', parentId: w.hall.id, kind: 'window', name: '越权窗口' } },
      'PATCH /api/organisations/{id}': { method: 'PATCH', url: `/api/organisations/${w.mz.id}`, payload: { name: '改名' } },
      'GET /api/platforms': { method: 'GET', url: '/api/platforms?limit=500' },
      'GET /api/platforms/{id}': { method: 'GET', url: `/api/platforms/${platform.id}` },
      'POST /api/platforms': { method: 'POST', url: '/api/platforms', payload: { regionCode: '640181', kind: 'app', code: 'X', name: '越权平台' } },
      'PATCH /api/platforms/{id}': { method: 'PATCH', url: `/api/platforms/${platform.id}`, payload: { name: '改名' } },
      'GET /api/staff': { method: 'GET', url: '/api/staff?limit=500' },
      'GET /api/staff/{id}': { method: 'GET', url: `/api/staff/${lingwuStaff}` },
      'POST /api/staff': { method: 'POST', url: '/api/staff', payload: { unitId: w.mz.id, employeeNo: 'X1', name: '越权' } },
      'PATCH /api/staff/{id}': { method: 'PATCH', url: `/api/staff/${lingwuStaff}`, payload: { name: '改名' } },
      'PUT /api/staff/{id}/windows': { method: 'PUT', url: `/api/staff/${lingwuStaff}/windows`, payload: { windowIds: [] } },
      'PUT /api/staff/{id}/photo': { method: 'PUT', url: `/api/staff/${lingwuStaff}/photo`, multipartBody: multipartFile('me.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), { contentType: 'image/png' }) },
      'DELETE /api/staff/{id}/photo': { method: 'DELETE', url: `/api/staff/${lingwuStaff}/photo` },
      'GET /api/public/staff-photos/{id}/{sha256}': { exempt: 'public: the current photo shown on the window device, addressed by its SHA-256 (staff-photo.test)' },
      'GET /api/service-items': { method: 'GET', url: '/api/service-items?limit=500' },
      'GET /api/service-items/{code}': { method: 'GET', url: '/api/service-items/LW-ITEM-1' },
      'GET /api/service-items/{code}/versions': { method: 'GET', url: '/api/service-items/LW-ITEM-1/versions' },
      'POST /api/service-items': { method: 'POST', url: '/api/service-items', payload: { code: 'LW-X', name: '越权事项', itemType: 'public_service', promisedDays: 1, ownerUnitId: w.mz.id, regionCode: '640181' } },
      'PUT /api/service-items/{code}': { method: 'PUT', url: '/api/service-items/LW-ITEM-1', payload: { name: '改名', itemType: 'public_service', promisedDays: 9, ownerUnitId: w.mz.id, regionCode: '640181' } },
      'GET /api/cases': { method: 'GET', url: '/api/cases?limit=500' },
      'GET /api/cases/{id}': { method: 'GET', url: `/api/cases/${lingwuCaseId}` },
      'POST /api/cases/{id}/unmask': { method: 'POST', url: `/api/cases/${lingwuCaseId}/unmask`, payload: { fields: ['phone'], reason: '核实身份信息' } },
      'POST /api/integration/cases': { exempt: 'API-key only: scope checked by the integration tests (a key outside its units gets 403)' },
      'POST /api/integration/cases/{caseNo}/stages': { exempt: 'API-key only: see the integration tests' },
      'POST /api/integration/cases/batch': { exempt: 'API-key only: see the integration tests' },
      'GET /api/calendar/{regionCode}/days': { method: 'GET', url: '/api/calendar/640181/days?year=2026' },
      'GET /api/calendar/{regionCode}/versions': { method: 'GET', url: '/api/calendar/640181/versions' },
      'GET /api/calendar/{regionCode}/deadline': { method: 'GET', url: '/api/calendar/640181/deadline?from=2026-11-20T02:00:00Z&days=1' },
      'POST /api/calendar/{regionCode}/overrides': { method: 'POST', url: '/api/calendar/640181/overrides', payload: { days: [{ date: '2026-12-02', kind: 'holiday' }] } },
      'POST /api/calendar/{regionCode}/imports/preview': { method: 'POST', url: '/api/calendar/640181/imports/preview?year=2026', multipartBody: multipartFile('2026.csv', 'date,type,name\n2026-12-02,休,越权\n') },
      'POST /api/calendar/{regionCode}/imports': { method: 'POST', url: '/api/calendar/640181/imports?year=2026', multipartBody: multipartFile('2026.csv', 'date,type,name\n2026-12-02,休,越权\n') },
      'GET /api/calendar/import-template': { exempt: 'a blank CSV template, no record' },
      'GET /api/users': { method: 'GET', url: '/api/users' },
      'POST /api/users': { method: 'POST', url: '/api/users', payload: { username: 'intruder', displayName: 'x', password: 'long-enough-pass', role: 'clerk', scopeRegionCode: '640181' } },
      'PATCH /api/users/{id}': { method: 'PATCH', url: `/api/users/${lingwuUser}`, payload: { active: false } },
      'GET /api/integrations': { method: 'GET', url: '/api/integrations' },
      'POST /api/integrations': { method: 'POST', url: '/api/integrations', payload: { name: 'x', unitIds: [w.mz.id] } },
      'PATCH /api/integrations/{id}': { method: 'PATCH', url: '/api/integrations/1', payload: { rotate: true } },
      'GET /api/audit': { method: 'GET', url: '/api/audit' },
      'POST /api/audit/verify': { method: 'POST', url: '/api/audit/verify' },
      'GET /api/imports': { method: 'GET', url: '/api/imports' },
      'GET /api/imports/{id}': { method: 'GET', url: `/api/imports/${lingwuImport}` },
      'GET /api/imports/{kind}/template': { exempt: 'a blank template holds no records' },
      'POST /api/imports/{kind}': { method: 'POST', url: '/api/imports/organisations', multipartBody: orgUp },
      'GET /api/sms/messages': { exempt: 'the outbox holds no county data beyond masked phones; permission sms.read (tested in sms.service.test)' },
      'GET /api/sms/dev-inbox': { exempt: 'the development gateway’s inbox, masked; permission sms.read' },
      'POST /api/sms/status': { exempt: 'provider webhook with its own token, no staff' },
      'POST /api/sms/inbound': { exempt: 'provider webhook with its own token, no staff; a reply rates only through the invitation sent to that phone' },
      'GET /api/invitations': { method: 'GET', url: `/api/invitations?caseId=${lingwuCaseId}` },
      'GET /api/public/evaluate/{token}': { exempt: 'public: the evaluator’s session token is the only key' },
      'POST /api/public/evaluate/{token}': { exempt: 'public: the evaluator’s session token is the only key' },
      'POST /api/public/signed-links': { exempt: 'public: a portal’s HMAC signature is the only key (signed-links.test)' },
      'GET /api/public/windows/{key}': { exempt: 'public: a window’s name behind its posted QR code' },
      'POST /api/public/windows/{key}/otp': { exempt: 'public: answers the same for every phone (window-qr.test)' },
      'POST /api/public/windows/{key}/identify': { exempt: 'public: the SMS one-time code is the only key (window-qr.test)' },
      'POST /api/public/windows/{key}/identify-case': { exempt: 'public: case number and applicant name are the key (window-qr.test)' },
      'GET /api/organisations/{id}/public-link': { method: 'GET', url: `/api/organisations/${w.window.id}/public-link` },
      'GET /api/organisations/{id}/poster.pdf': { method: 'GET', url: `/api/organisations/${w.window.id}/poster.pdf` },
      'GET /api/public/suggestion-form': { exempt: 'public: the questionnaire of the suggestion box' },
      'GET /api/public/units': { exempt: 'public: names of units, as posted in the halls' },
      'POST /api/public/suggestions': { exempt: 'public: anyone may put a suggestion in the box' },
      'GET /api/suggestions': { method: 'GET', url: '/api/suggestions?limit=500' },
      'GET /api/devices': { method: 'GET', url: '/api/devices?limit=500' },
      'POST /api/devices': { method: 'POST', url: '/api/devices', payload: { windowId: w.window.id, name: '越权评价器' } },
      'POST /api/devices/{id}/pairing-code': { method: 'POST', url: `/api/devices/${lingwuDevice.id}/pairing-code` },
      'PATCH /api/devices/{id}': { method: 'PATCH', url: `/api/devices/${lingwuDevice.id}`, payload: { active: false } },
      'POST /api/devices/evaluate': { method: 'POST', url: '/api/devices/evaluate', payload: { caseId: lingwuCompletedCase, windowId: w.window.id } },
      'GET /api/devices/requests/{id}': { method: 'GET', url: `/api/devices/requests/${lingwuDeviceRequest}` },
      'POST /api/integration/devices/evaluate': { exempt: 'API-key only: see devices.test (a 兴庆 key cannot trigger a 灵武 device)' },
      'GET /api/integration/devices/requests/{id}': { exempt: 'API-key only: see devices.test' },
      'POST /api/device/pair': { exempt: 'the rating device itself, no staff: a one-time code is the only key' },
      'GET /api/device/state': { exempt: 'the rating device itself: its token is the only key' },
      'GET /api/device/events': { exempt: 'the rating device itself: its token is the only key' },
      'POST /api/device/requests/{id}/evaluation': { exempt: 'the rating device itself: its token is the only key' },
      'GET /api/evaluation-policies/{regionCode}': { exempt: 'evaluation rules are published: all staff read every region’s (writing is scoped)' },
      'GET /api/evaluation-policies/{regionCode}/versions': { exempt: 'evaluation rules are published: all staff read every region’s (writing is scoped)' },
      'POST /api/evaluation-policies/{regionCode}': { method: 'POST', url: '/api/evaluation-policies/640181', payload: { policy: { ...NATIONAL_DEFAULT_POLICY, textMaxLength: 99 } } },
      'GET /api/evaluations': { method: 'GET', url: '/api/evaluations?limit=500' },
      'GET /api/evaluations/{id}': { method: 'GET', url: `/api/evaluations/${lingwuEvaluation}` },
      'GET /api/evaluations/{id}/scan': { method: 'GET', url: `/api/evaluations/${lingwuEvaluation}/scan?reason=${encodeURIComponent('越权查看扫描件')}` },
      'POST /api/evaluations': { method: 'POST', url: '/api/evaluations', payload: { caseId: lingwuCompletedCase, channel: 'phone', level: 1, text: '越权录入' } },
      'GET /api/evaluations/export': { method: 'GET', url: '/api/evaluations/export?format=json&from=2026-11-01&to=2026-11-30&regionCode=640181' },
      'GET /api/work-orders': { method: 'GET', url: '/api/work-orders?limit=500' },
      'GET /api/work-orders/{id}': { method: 'GET', url: `/api/work-orders/${lingwuWorkOrder}` },
      'POST /api/work-orders/{id}/actions': { method: 'POST', url: `/api/work-orders/${lingwuWorkOrder}/actions`, payload: { action: 'assign', text: '越权分派' } },
      'GET /api/rating-flags': { method: 'GET', url: '/api/rating-flags?limit=500' },
      'GET /api/rating-flags/{id}': { method: 'GET', url: `/api/rating-flags/${lingwuFlag}` },
      'POST /api/rating-flags/{id}/review': { method: 'POST', url: `/api/rating-flags/${lingwuFlag}/review`, payload: { decision: 'dismiss', reason: '越权排除灵武的标记' } },
      'POST /api/work-orders/{id}/attachments': { method: 'POST', url: `/api/work-orders/${lingwuWorkOrder}/attachments`, multipartBody: multipartFile('x.pdf', '%PDF-1.4\n越权附件\n', { contentType: 'application/pdf' }) },
      'GET /api/work-orders/{id}/attachments': { method: 'GET', url: `/api/work-orders/${lingwuWorkOrder}/attachments` },
      'GET /api/work-orders/{id}/attachments/{attachmentId}': { method: 'GET', url: `/api/work-orders/${lingwuWorkOrder}/attachments/${lingwuAttachment}` },
      'POST /api/work-orders/{id}/extension-requests': { method: 'POST', url: `/api/work-orders/${lingwuWorkOrder}/extension-requests`, payload: { reason: '越权延期', days: 1 } },
      'POST /api/work-orders/{id}/appeals': { method: 'POST', url: `/api/work-orders/${lingwuWorkOrder}/appeals`, payload: { reason: '越权申诉' } },
      'POST /api/work-orders/{id}/unrectifiable-requests': { method: 'POST', url: `/api/work-orders/${lingwuWorkOrder}/unrectifiable-requests`, payload: { reason: '越权无法整改' } },
      'POST /api/work-orders/{id}/reassign': { method: 'POST', url: `/api/work-orders/${lingwuWorkOrder}/reassign`, payload: { toUnitId: w.ga.id, reason: '越权转办' } },
      'GET /api/work-order-requests': { method: 'GET', url: '/api/work-order-requests?limit=500' },
      'POST /api/work-order-requests/{id}/decision': { method: 'POST', url: `/api/work-order-requests/${lingwuRequest}/decision`, payload: { outcome: 'approved', reason: '越权裁决', excludedAs: 'malicious' } },
      'GET /api/work-orders/real-name-report': { method: 'GET', url: '/api/work-orders/real-name-report?from=2026-11-01&to=2026-11-30&region=640181' },
      'GET /api/work-orders/real-name-report/export': { method: 'GET', url: '/api/work-orders/real-name-report/export?from=2026-11-01&to=2026-11-30&region=640181' },
      'GET /api/notifications': { method: 'GET', url: '/api/notifications?limit=500' },
      'POST /api/notifications/{id}/read': { method: 'POST', url: `/api/notifications/${lingwuNotification}/read` },
      'POST /api/notifications/read-all': { exempt: 'the caller’s own notifications only; another account’s stay unread (notifications.test)' },
      'PUT /api/work-orders/{id}/public-reply': { method: 'PUT', url: `/api/work-orders/${lingwuWorkOrder}/public-reply`, payload: { text: '越权答复' } },
      'GET /api/public/feedback/{token}': { exempt: 'public: the single-purpose link of the feedback SMS is the only key; no personal data (work-order-feedback.test)' },
      'POST /api/public/feedback/{token}/revisit': { exempt: 'public: the single-purpose link of the feedback SMS is the only key (work-order-feedback.test)' },
      'GET /api/public/replies': { exempt: 'public: published replies with the rating masked, no names or phones (work-order-feedback.test)' },
      'GET /api/public/disclosure/overview': { exempt: 'public (公开, no login): only what the region’s publication policy publishes, no personal data (disclosure.test)' },
      'GET /api/public/disclosure/units/{id}': { exempt: 'public (公开, no login): a published unit’s figures; unpublished units are 404 (disclosure.test)' },
      'GET /api/public/disclosure/units/{id}/replies': { exempt: 'public (公开, no login): published replies with the rating masked (disclosure.test)' },
      'GET /api/public/disclosure/search': { exempt: 'public (公开, no login): names and published figures of units and service items (disclosure.test)' },
      'POST /api/campaigns': { method: 'POST', url: '/api/campaigns', payload: { regionCode: '640181', year: 2031 } },
      'GET /api/campaigns': { method: 'GET', url: '/api/campaigns?limit=500' },
      'GET /api/campaigns/{id}': { method: 'GET', url: `/api/campaigns/${lingwuCampaign}` },
      'GET /api/campaigns/{id}/config-versions': { method: 'GET', url: `/api/campaigns/${lingwuCampaign}/config-versions` },
      'POST /api/campaigns/{id}/config': { method: 'POST', url: `/api/campaigns/${lingwuCampaign}/config`, payload: { config: DEFAULT_CAMPAIGN_CONFIG, note: '越权改规则' } },
      'PUT /api/campaigns/{id}/objects': { method: 'PUT', url: `/api/campaigns/${lingwuCampaign}/objects`, payload: { objects: [] } },
      'POST /api/campaigns/{id}/inputs': { method: 'POST', url: `/api/campaigns/${lingwuCampaign}/inputs`, payload: { orgId: w.mz.id, channel: 'complaint', date: '2026-11-05', level: 1 } },
      'GET /api/campaigns/{id}/inputs': { method: 'GET', url: `/api/campaigns/${lingwuCampaign}/inputs` },
      'GET /api/campaigns/{id}/scores': { method: 'GET', url: `/api/campaigns/${lingwuCampaign}/scores` },
      'GET /api/campaigns/{id}/scores/export': { method: 'GET', url: `/api/campaigns/${lingwuCampaign}/scores/export` },
      'GET /api/campaigns/{id}/objects/{orgId}/report': { method: 'GET', url: `/api/campaigns/${lingwuCampaign}/objects/${w.mz.id}/report?format=pdf` },
      'POST /api/reports': { method: 'POST', url: '/api/reports', payload: { regionCode: '640181', periodKind: 'month', period: '2026-10' } },
      'GET /api/reports': { method: 'GET', url: '/api/reports?limit=500' },
      'GET /api/reports/{id}': { method: 'GET', url: `/api/reports/${lingwuReport}` },
      'GET /api/reports/{id}/files/{format}': { method: 'GET', url: `/api/reports/${lingwuReport}/files/pdf` },
      'POST /api/revisit-samples': { method: 'POST', url: '/api/revisit-samples', payload: { regionCode: '640181', periodKind: 'quarter', period: '2026-Q4', size: 3 } },
      'GET /api/revisit-samples': { method: 'GET', url: '/api/revisit-samples?limit=500' },
      'GET /api/revisit-samples/{id}': { method: 'GET', url: `/api/revisit-samples/${lingwuSample}` },
      'GET /api/revisit-samples/{id}/verify': { method: 'GET', url: `/api/revisit-samples/${lingwuSample}/verify` },
      'GET /api/revisit-tasks': { method: 'GET', url: '/api/revisit-tasks?limit=500' },
      'POST /api/revisit-tasks/{id}/answer': { method: 'POST', url: `/api/revisit-tasks/${lingwuRevisitTask}/answer`, payload: { reached: false, remarks: '越权回访' } },
      'GET /api/supervision-alerts': { method: 'GET', url: '/api/supervision-alerts?limit=500' },
      'GET /api/supervision-alerts/{id}': { method: 'GET', url: `/api/supervision-alerts/${lingwuSupervisionAlert}` },
      'POST /api/supervision-alerts/{id}/acknowledge': { method: 'POST', url: `/api/supervision-alerts/${lingwuSupervisionAlert}/acknowledge`, payload: { note: '越权处理灵武的预警' } },
      'POST /api/supervision-alerts/check': { exempt: 'checks only the subjects in the caller’s scope (supervision-alerts.test: a 兴庆区 office’s check raises nothing of 灵武市)' },
      'GET /api/statistics/export': { method: 'GET', url: '/api/statistics/export?regionCode=640181&groupBy=unit' },
      'GET /api/rankings/export': { method: 'GET', url: '/api/rankings/export?regionCode=640181&level=unit' },
      'GET /api/statistics': { method: 'GET', url: '/api/statistics?regionCode=640181&period=year&date=2026-11-01' },
      'GET /api/rankings': { method: 'GET', url: '/api/rankings?level=unit&regionCode=640181&period=year&date=2026-11-01' },
      'GET /api/public/ranking-method': { exempt: 'public: the published ranking method and its two numbers, no records' },
      'POST /api/auth/login': { exempt: 'no record: logs the caller in' },
      'POST /api/auth/logout': { exempt: 'no record: ends the caller’s own session' },
      'GET /api/auth/me': { exempt: 'no record: the caller’s own account' },
      'POST /api/auth/password': { exempt: 'no record: the caller’s own password' },
    };
  });
  afterAll(() => ta.close());

  it('covers every route of the API', async () => {
    const doc = (await ta.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !(r in probes))).toEqual([]);
  });

  it('lists leave out, and single reads and writes refuse, every 灵武市 record', async () => {
    const lingwuIds = new Set([w.mz.id, w.ga.id, w.hall.id, w.window.id, lingwuStaff, lingwuCaseId]);
    const leaks: string[] = [];
    for (const [route, probe] of Object.entries(probes)) {
      if ('exempt' in probe) continue;
      const res = await ta.app.inject({
        method: probe.method,
        url: probe.url,
        headers: { cookie: xq, ...(probe.multipartBody?.headers ?? {}) },
        ...(probe.multipartBody ? { payload: probe.multipartBody.payload } : probe.payload !== undefined ? { payload: probe.payload as object } : {}),
      });
      if (res.statusCode === 200 && probe.method === 'GET' && Array.isArray(res.json().items)) {
        const items = res.json().items as { id?: number }[];
        // Ids collide across tables (staff 1, case 1, organisation 1), so an id counts only with a 灵武 trace or on the staff list.
        const byText = /640181|LW-|灵武/.test(JSON.stringify(items));
        const byId = route === 'GET /api/staff' && items.some((i) => lingwuIds.has(i.id!));
        if (byText || byId) leaks.push(`${route}: list contains 灵武市 records`);
        continue;
      }
      if (res.statusCode < 400) leaks.push(`${route}: answered ${res.statusCode}`);
      else if (![403, 404, 422].includes(res.statusCode)) leaks.push(`${route}: answered ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(leaks).toEqual([]);
  });

  it('and nothing of 灵武市 changed', async () => {
    expect((await ta.c.repos.orgs.find(w.mz.id))!.name).toBe('灵武市民政局');
    expect((await ta.c.repos.regions.find('640181000000'))!.name).toBe('灵武市');
    const cal = await ta.c.services.calendar.forRegion('640181000000');
    expect(cal.isWorkingDay('2026-12-02')).toBe(true);
    expect(await ta.c.db.selectFrom('staff_photos').select('staff_id').execute()).toEqual([]);
    expect(await ta.c.db.selectFrom('organisations').select('id').where('code', '=', 'LW-NEW').execute()).toEqual([]);
    expect(await ta.c.db.selectFrom('users').select('id').where('username', '=', 'intruder').execute()).toEqual([]);
    expect(await ta.c.db.selectFrom('evaluation_policies').select('id').where('region_code', '=', '640181000000').execute()).toEqual([]);
    expect(await ta.c.db.selectFrom('evaluations').select('id').where('case_id', '=', lingwuCompletedCase).where('channel', '=', 'phone').execute()).toEqual([]);
    const device = await ta.c.repos.devices.find(lingwuDevice.id);
    expect(device).toMatchObject({ active: true, pairing_code_hash: null });
    expect((await ta.c.services.deviceRequests.progress(system, lingwuDeviceRequest)).status).toBe('pending');
    expect((await ta.c.repos.workOrders.find(lingwuWorkOrder))!.state).toBe('opened');
    expect((await ta.c.repos.campaigns.objects(lingwuCampaign)).map((o) => o.org_id)).toEqual([w.mz.id]);
    expect((await ta.c.repos.campaigns.configVersions(lingwuCampaign)).map((v) => v.version)).toEqual([1]);
    expect(await ta.c.db.selectFrom('campaign_inputs').select('id').execute()).toEqual([]);
    expect(await ta.c.db.selectFrom('campaigns').select('id').where('year', '=', 2031).execute()).toEqual([]);
    expect(await ta.c.db.selectFrom('reports').select('id').where('period_key', '=', '2026-10').execute()).toEqual([]);
    expect(await ta.c.db.selectFrom('revisit_samples').select('id').where('period_key', '=', '2026-Q4').execute()).toEqual([]);
    expect((await ta.c.repos.revisits.findTask(lingwuRevisitTask))!.status).toBe('pending');
    expect((await ta.c.repos.detection.find(lingwuFlag))!.status).toBe('pending');
    expect((await ta.c.repos.workOrders.find(lingwuWorkOrder))!.unit_id).toBe(w.mz.id);
    expect((await ta.c.repos.workOrderRequests.ofOrder(lingwuWorkOrder)).map((r) => [r.id, r.status])).toEqual([[lingwuRequest, 'pending']]);
    expect((await ta.c.repos.workOrderAttachments.list(lingwuWorkOrder)).map((a) => a.id)).toEqual([lingwuAttachment]);
    expect((await ta.c.db.selectFrom('notifications').select('read_at').where('id', '=', lingwuNotification).executeTakeFirstOrThrow()).read_at).toBeNull();
    expect((await ta.c.repos.supervisionAlerts.find(lingwuSupervisionAlert))!.acknowledged_at).toBeNull();
  });

  it('a window clerk of the same unit, not the one rated, reaches none of the work order’s routes', async () => {
    const colleague = await ta.t.db.insertInto('staff').values({ org_id: w.mz.id, employee_no: 'SM-CLERK', name: '李晓梅' }).returning('id').executeTakeFirstOrThrow();
    await ta.c.services.auth.createUser(system, { username: 'lw.clerk2', displayName: '李晓梅', password: PASSWORD, role: 'clerk', scopeOrgId: w.mz.id, staffId: colleague.id });
    const login = await ta.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lw.clerk2', password: PASSWORD } });
    const cookie = `hcp_session=${login.cookies.find((k) => k.name === 'hcp_session')!.value}`;
    const leaks: string[] = [];
    for (const [route, probe] of Object.entries(probes)) {
      if ('exempt' in probe || !route.includes('/work-order')) continue;
      const res = await ta.app.inject({
        method: probe.method,
        url: probe.url,
        headers: { cookie, ...(probe.multipartBody?.headers ?? {}) },
        ...(probe.multipartBody ? { payload: probe.multipartBody.payload } : probe.payload !== undefined ? { payload: probe.payload as object } : {}),
      });
      if (res.statusCode === 200 && probe.method === 'GET' && Array.isArray(res.json().items)) {
        if (res.json().items.length > 0) leaks.push(`${route}: list not empty`);
      } else if (res.statusCode < 400) leaks.push(`${route}: answered ${res.statusCode}`);
    }
    expect(leaks).toEqual([]);
    expect((await ta.c.repos.workOrderAttachments.list(lingwuWorkOrder)).map((a) => a.id)).toEqual([lingwuAttachment]);
  });
});
