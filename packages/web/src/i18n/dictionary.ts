import type { ConsoleMessageKey } from './console-messages.ts';

/** The languages of the web app; zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The names each language is shown as in a language switch, in that language. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

const zhCN = {
  'app.name': '政务服务“好差评”',
  'app.shortName': '好差评',
  'language.label': '语言',
  'elder.label': '适老化模式',
  'elder.on': '大字模式：开',
  'elder.off': '大字模式：关',

  'landing.tagline': '让企业和群众评判政务服务绩效',
  'landing.description':
    '好差评是一个开源的政务服务评价平台，用于收集企业和群众对政务服务的评价、跟踪差评整改，并让管理部门按行政区划和单位查看服务质量。',
  'landing.console': '登录管理后台',
  'landing.apiDocs': 'API 文档',
  'landing.portal': '评价结果公开',
  'landing.openSource': '开源项目，遵循 Apache-2.0 许可。',

  'login.title': '管理后台登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.required.username': '请输入用户名',
  'login.required.password': '请输入密码',
  'login.backHome': '返回首页',

  'error.LOGIN_FAILED': '用户名或密码错误',
  'error.ACCOUNT_LOCKED': '账户已锁定：登录失败次数过多，请稍后再试或联系系统管理员',
  'error.VALIDATION_FAILED': '输入不符合要求：{message}',
  'error.UNAUTHENTICATED': '登录已失效，请重新登录',
  'error.FORBIDDEN': '没有执行此操作的权限',
  'error.OUT_OF_SCOPE': '超出您的数据范围',
  'error.NOT_FOUND': '找不到请求的内容',
  'error.CONFLICT': '与现有数据冲突：{message}',
  'error.UNKNOWN_REFERENCE': '引用的数据不存在：{message}',
  'error.IMPORT_FAILED': '文件未导入：{message}',
  'error.PAYLOAD_TOO_LARGE': '文件太大',
  'error.UNSUPPORTED_MEDIA_TYPE': '不支持的文件类型',
  'error.NETWORK_ERROR': '无法连接服务器，请检查网络后重试',
  'error.unknown': '出错了：{message}',

  'nav.home': '首页',
  'nav.regions': '行政区划',
  'nav.organisations': '机构管理',
  'nav.staff': '工作人员',
  'nav.serviceItems': '服务事项',
  'nav.cases': '办件',
  'nav.imports': '批量导入',
  'nav.calendar': '工作日历',
  'nav.users': '用户管理',
  'nav.integrations': '接口集成',
  'nav.audit': '审计日志',
  'nav.menu': '主菜单',
  'a11y.skipToMain': '跳到主要内容',
  'a11y.loading': '正在加载…',

  'header.logout': '退出登录',
  'header.user': '当前用户',

  'home.title': '欢迎，{name}',
  'home.whoami': '我的账户',
  'home.username': '用户名',
  'home.displayName': '姓名',
  'home.role': '角色',
  'home.scope': '数据范围',
  'home.scope.all': '全部（不限区划和单位）',
  'home.scope.region': '区划：{name}',
  'home.scope.org': '单位：{name}',
  'home.lastLogin': '最近登录',
  'home.never': '无',
  'home.hint': '左侧菜单列出了您的角色可以使用的功能。您能看到和处理的数据都限于上面的数据范围。',

  'page.forbidden.title': '没有权限',
  'page.forbidden.body': '您的角色不能使用此页面。',
  'page.notFound.title': '页面不存在',
  'page.notFound.body': '您访问的页面不存在。',
  'page.error.title': '出错了',
  'page.backHome': '返回首页',
  'page.retry': '重试',
} as const;

type CoreMessageKey = keyof typeof zhCN;

/**
 * Every message key. The console's messages (console-messages.ts) are only downloaded with the
 * console, so the landing page stays small; until then their keys show as themselves.
 */
export type MessageKey = CoreMessageKey | ConsoleMessageKey;

const en: Record<CoreMessageKey, string> = {
  'app.name': 'Haochaping — Government Service Evaluation',
  'app.shortName': 'Haochaping',
  'language.label': 'Language',
  'elder.label': 'Large text mode',
  'elder.on': 'Large text: on',
  'elder.off': 'Large text: off',

  'landing.tagline': 'Let citizens and businesses judge public services',
  'landing.description':
    'Haochaping (好差评, "good or bad review") is an open-source platform for evaluating government services: it collects ratings from citizens and businesses, tracks the rectification of bad reviews, and lets management offices see service quality by region and unit.',
  'landing.console': 'Staff console login',
  'landing.apiDocs': 'API documentation',
  'landing.portal': 'Published results',
  'landing.openSource': 'Open source under the Apache-2.0 licence.',

  'login.title': 'Staff console login',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.required.username': 'Enter your username',
  'login.required.password': 'Enter your password',
  'login.backHome': 'Back to the home page',

  'error.LOGIN_FAILED': 'Wrong username or password',
  'error.ACCOUNT_LOCKED': 'Account locked after too many failed logins. Try again later or ask a system administrator.',
  'error.VALIDATION_FAILED': 'Invalid input: {message}',
  'error.UNAUTHENTICATED': 'Your session has ended. Please log in again.',
  'error.FORBIDDEN': 'You are not allowed to do this',
  'error.OUT_OF_SCOPE': 'This is outside your data scope',
  'error.NOT_FOUND': 'Not found',
  'error.CONFLICT': 'Conflicts with existing data: {message}',
  'error.UNKNOWN_REFERENCE': 'Refers to something that does not exist: {message}',
  'error.IMPORT_FAILED': 'The file was not imported: {message}',
  'error.PAYLOAD_TOO_LARGE': 'The file is too large',
  'error.UNSUPPORTED_MEDIA_TYPE': 'This file type is not supported',
  'error.NETWORK_ERROR': 'Cannot reach the server. Check your connection and try again.',
  'error.unknown': 'Something went wrong: {message}',

  'nav.home': 'Home',
  'nav.regions': 'Regions',
  'nav.organisations': 'Organisations',
  'nav.staff': 'Staff',
  'nav.serviceItems': 'Service items',
  'nav.cases': 'Cases',
  'nav.imports': 'Bulk import',
  'nav.calendar': 'Working calendar',
  'nav.users': 'Users',
  'nav.integrations': 'Integrations',
  'nav.audit': 'Audit log',
  'nav.menu': 'Main menu',
  'a11y.skipToMain': 'Skip to main content',
  'a11y.loading': 'Loading…',

  'header.logout': 'Log out',
  'header.user': 'Current user',

  'home.title': 'Welcome, {name}',
  'home.whoami': 'My account',
  'home.username': 'Username',
  'home.displayName': 'Name',
  'home.role': 'Role',
  'home.scope': 'Data scope',
  'home.scope.all': 'Everything (no region or unit limit)',
  'home.scope.region': 'Region: {name}',
  'home.scope.org': 'Unit: {name}',
  'home.lastLogin': 'Last login',
  'home.never': 'never',
  'home.hint': 'The menu on the left lists what your role can use. What you can see and change is limited to the data scope above.',

  'page.forbidden.title': 'Not allowed',
  'page.forbidden.body': 'Your role cannot use this page.',
  'page.notFound.title': 'Page not found',
  'page.notFound.body': 'The page you asked for does not exist.',
  'page.error.title': 'Something went wrong',
  'page.backHome': 'Back to home',
  'page.retry': 'Try again',
};

export const DICTIONARIES: Record<Locale, Record<CoreMessageKey, string> & Partial<Record<ConsoleMessageKey, string>>> = { 'zh-CN': { ...zhCN }, en };

/** Adds messages to the dictionaries, e.g. the console's when its code has loaded. */
export function addMessages(messages: Record<Locale, Partial<Record<MessageKey, string>>>): void {
  for (const locale of LOCALES) Object.assign(DICTIONARIES[locale], messages[locale]);
}

/** Fills `{name}` placeholders; unknown placeholders stay as they are. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
