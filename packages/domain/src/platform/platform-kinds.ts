/** Kinds of government service platform (政务服务平台) that evaluators rate. */
export const PLATFORM_KINDS = ['business_system', 'web_portal', 'app', 'mini_program', 'terminal', 'hotline'] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

export const PLATFORM_KIND_NAMES: Record<PlatformKind, { zh: string; en: string }> = {
  business_system: { zh: '业务办理系统', en: 'Business system' },
  web_portal: { zh: '政务服务网', en: 'Web portal' },
  app: { zh: '移动端App', en: 'Mobile app' },
  mini_program: { zh: '小程序', en: 'Mini-program' },
  terminal: { zh: '自助终端', en: 'Self-service terminal' },
  hotline: { zh: '服务热线', en: 'Hotline' },
};
