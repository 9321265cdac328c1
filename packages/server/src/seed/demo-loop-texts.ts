/**
 * The words of the demo county's closed loop (差评整改): what evaluators complain about, and what the
 * units, the 12345 operators and the management office write at each step of a work order. Every
 * person and event is invented; the kinds of complaint and of answer are the ones county halls publish.
 */

/** One kind of complaint, with the tags (by level) that name it and the texts of each step. */
export interface ComplaintTheme {
  key: string;
  /** Tag codes of the national policy that fit, for 不满意 (2) and 非常不满意 (1). */
  tags: { 2: readonly string[]; 1: readonly string[] };
  ratingTexts: readonly string[];
  verify: string;
  decide: { fix_now: string; fix_by_deadline: string; explain: string };
  rectify: string;
  feedback: { fixed: string; explained: string };
  revisitUnsatisfied: string;
  publicReply: { fixed: string; explained: string };
}

export const THEMES: readonly ComplaintTheme[] = [
  {
    key: 'materials',
    tags: { 2: ['202', '203'], 1: ['105'] },
    ratingTexts: ['材料要求前后不一致，跑了两趟', '第一次来说缺一份证明，补齐了又说格式不对', '办事指南上没写要这份材料，到了窗口才说要'],
    verify: '已电话联系办事人，调阅受理记录核实：窗口首次接待时未一次性告知全部所需材料，办事人往返两次，情况属实。',
    decide: {
      fix_now: '属一次性告知落实不到位，立行立改：当面向办事人致歉，补齐告知并当日受理。',
      fix_by_deadline: '需修订办事指南和一次性告知单，报审批服务管理局审核后公布，限期整改。',
      explain: '所需材料均有法律法规依据，办事指南已列明，向办事人解释说明。',
    },
    rectify: '已修订该事项办事指南和一次性告知单，补充材料样表，在窗口和宁夏政务服务网同步更新；组织窗口人员重新学习一次性告知制度。',
    feedback: {
      fixed: '您好！您反映的材料要求前后不一致问题已核实。我们已修订办事指南和一次性告知单，今后一次性告知全部所需材料。给您带来不便，深表歉意。',
      explained: '您好！经核实，该事项所需材料均为法律法规规定的必要材料，办事指南中已列明，已将依据和指南链接发给您，欢迎随时咨询。',
    },
    revisitUnsatisfied: '办事人表示仍需跑两趟，希望材料能在网上提交，对整改结果不满意。',
    publicReply: {
      fixed: '经核实，窗口首次接待时未一次性告知全部所需材料，导致办事群众多跑一次。我单位已修订办事指南和一次性告知单，对窗口人员开展专项培训，并向办事群众致歉。',
      explained: '经核实，该事项所需材料均有法律法规依据且已在办事指南中列明。我单位已向办事群众解释说明，并在窗口张贴材料样表，方便群众对照准备。',
    },
  },
  {
    key: 'slow',
    tags: { 2: ['201'], 1: ['103'] },
    ratingTexts: ['超过承诺时限才办完', '说好5个工作日，拖了两个多星期', '等候时间太长，排了一个多小时'],
    verify: '已联系办事人并调取办件流转记录核实：该件在审核环节停留时间过长，超出承诺时限，情况属实。',
    decide: {
      fix_now: '立即督办在办环节，当日办结并电话告知办事人。',
      fix_by_deadline: '需优化内部审核流程、压减环节时限并纳入电子监察，限期整改。',
      explain: '该件因申请人补正材料依法中止计时，实际办理未超出承诺时限，向办事人解释说明。',
    },
    rectify: '已将该事项审核由两级调整为一级，明确各环节办理时限并纳入电子监察；当事办件已办结并邮寄送达。',
    feedback: {
      fixed: '您好！您反映的办理时间过长问题属实。我们已优化审核流程、压减环节时限，您的办件已办结并邮寄送达，请注意查收。',
      explained: '您好！经核实，您的办件在补正材料期间依法中止计时，实际办理未超出承诺时限。今后我们在通知补正时会一并说明计时规则。',
    },
    revisitUnsatisfied: '办事人认为补正期间也应计入办理时间，对解释不认可，仍不满意。',
    publicReply: {
      fixed: '经核实，该办件在内部审核环节停留时间过长。我单位已将审核由两级调整为一级，明确各环节时限并纳入电子监察，当事办件已办结送达。',
      explained: '经核实，该办件在补正材料期间依法中止计时，办理未超出承诺时限。我单位已改进补正通知，一次性说明计时规则。',
    },
  },
  {
    key: 'attitude',
    tags: { 2: ['204'], 1: ['102'] },
    ratingTexts: ['窗口人员态度不好', '工作人员说话很冲，问两遍就不耐烦', '工作人员一边看手机一边办业务'],
    verify: '调阅窗口同步录音录像并联系办事人核实：当事工作人员答复咨询时语气生硬、未使用规范用语，情况属实。',
    decide: {
      fix_now: '对当事工作人员当面批评教育，由其向办事人电话致歉。',
      fix_by_deadline: '组织全体窗口人员开展服务礼仪和规范用语培训，限期整改。',
      explain: '录音录像显示工作人员按规定答复，向办事人说明情况。',
    },
    rectify: '当事工作人员已向办事人电话致歉并作出书面检查；单位组织窗口人员开展服务规范培训，扣减当事人本月考核分。',
    feedback: {
      fixed: '您好！您反映的窗口人员服务态度问题属实，我们已对当事人批评教育并扣减当月考核分，组织全员服务规范培训。感谢您的监督！',
      explained: '您好！我们调阅了窗口录音录像，工作人员当时是按规定向您说明补正要求的，可能表达不够清楚，我们会进一步改进沟通方式。',
    },
    revisitUnsatisfied: '办事人表示当事人道歉不够诚恳，要求调换窗口人员，对处理结果不满意。',
    publicReply: {
      fixed: '经核实，当事工作人员答复群众咨询时语气生硬。我单位已对其批评教育并扣减当月考核分，组织窗口人员开展服务规范培训，并向办事群众致歉。',
      explained: '经调阅窗口录音录像，工作人员按规定说明了补正要求。我单位已向办事群众解释说明，并要求窗口人员改进沟通方式。',
    },
  },
  {
    key: 'system',
    tags: { 2: ['205'], 1: ['105'] },
    ratingTexts: ['网上系统总是提交失败', '手机上传材料一直转圈，最后还得跑现场', '网上申报填了半天，提示超时全没了'],
    verify: '联系办事人并请平台运维核查日志：当日附件上传接口异常，导致提交失败，情况属实。',
    decide: {
      fix_now: '窗口协助办事人现场完成申报，同时报平台运维处理接口异常。',
      fix_by_deadline: '需平台运维修复上传接口并增加草稿自动保存功能，限期整改。',
      explain: '经查系统当日运行正常，系办事人网络环境原因，向办事人说明操作方法。',
    },
    rectify: '平台运维已修复附件上传接口，申报页面增加草稿自动保存；窗口已协助办事人完成申报。',
    feedback: {
      fixed: '您好！您反映的网上提交失败问题已查明，系附件上传接口异常所致，现已修复并增加了自动保存功能，您的申请已由窗口协助完成。',
      explained: '您好！经核查，系统当日运行正常，提交失败与网络环境有关。我们已把操作指引发给您，也可以拨打12345或到窗口由工作人员协助办理。',
    },
    revisitUnsatisfied: '办事人表示昨天再次上传仍然失败，对整改结果不满意。',
    publicReply: {
      fixed: '经核查，网上申报附件上传接口存在异常，导致部分群众提交失败。现已修复并增加草稿自动保存功能，相关申请已由窗口协助办理。',
      explained: '经核查，系统运行正常，提交失败与群众网络环境有关。我单位已完善网上申报操作指引，并安排帮办代办人员协助。',
    },
  },
  {
    key: 'runaround',
    tags: { 2: ['202'], 1: ['101'] },
    ratingTexts: ['几个窗口互相推，说不归他们管', '问了三个窗口都说不是自己的业务', '让我去找别的部门，那边又让我回来'],
    verify: '已联系办事人核实：该业务涉及两个部门衔接，首问窗口未落实首问负责制，办事人在部门间往返，情况属实。',
    decide: {
      fix_now: '由首问窗口牵头协调相关部门，当日为办事人办结。',
      fix_by_deadline: '需与相关部门明确职责边界、制定转办衔接流程，限期整改。',
      explain: '该事项依法由其他部门受理，已告知办事人并协助联系受理部门。',
    },
    rectify: '已与相关部门会商明确职责分工，制定转办衔接流程；重申首问负责制，由首问窗口负责到底。',
    feedback: {
      fixed: '您好！您反映的窗口互相推诿问题属实。我们已与相关部门明确职责和衔接流程，今后由首问窗口负责到底。给您带来不便，深表歉意。',
      explained: '您好！经核实，您办理的事项依法由其他部门受理，我们已联系该部门，对方将主动与您联系办理。',
    },
    revisitUnsatisfied: '办事人表示问题至今未办成，仍在两个部门之间协调，对处理结果不满意。',
    publicReply: {
      fixed: '经核实，窗口未落实首问负责制，导致群众在部门间往返。我单位已会同相关部门明确职责分工和衔接流程，重申首问负责制。',
      explained: '经核实，该事项依法由其他部门受理。我单位已协助群众联系受理部门，并完善了窗口转办告知。',
    },
  },
];

export const themeByKey = (key: string): ComplaintTheme => THEMES.find((t) => t.key === key)!;

/** The theme a bad rating is about, by its first tag; materials when the tags say nothing. */
export function themeOfTags(tags: readonly string[]): ComplaintTheme {
  for (const code of tags) {
    const hit = THEMES.find((t) => t.tags[2].includes(code) || t.tags[1].includes(code));
    if (hit) return hit;
  }
  return THEMES[0]!;
}

export const ASSIGN_TEXTS = ['已指派业务科室负责人核实办理。', '已指派窗口负责人跟进处理。', '已指派分管科长牵头核实整改。'];
export const SATISFIED_TEXTS = ['回访时办事人表示已收到反馈，问题已解决，对整改结果满意。', '回访时办事人表示认可处理结果。', '办事人表示工作人员已主动联系道歉，问题已解决，满意。'];
