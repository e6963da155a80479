/**
 * A rough reading of a User-Agent header for the sessions list and email events (device, browser, OS): enough
 * for an admin to tell "Chrome on Windows" from "Safari on iPhone" when revoking a session.
 */
export interface UserAgentInfo {
  deviceType: string | null;
  browser: string | null;
  os: string | null;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'], [/OPR\//, 'Opera'], [/Firefox\//, 'Firefox'], [/HeadlessChrome\//, 'Headless Chrome'],
  [/Chrome\//, 'Chrome'], [/Safari\//, 'Safari'], [/curl\//, 'curl'], [/node|undici/i, 'Node.js'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'], [/iPhone|iPad|iOS/, 'iOS'], [/Android/, 'Android'], [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'], [/Linux/, 'Linux'],
];

export function describeUserAgent(ua: string | null): UserAgentInfo {
  if (!ua) return { deviceType: null, browser: null, os: null };
  const pick = (table: [RegExp, string][]) => table.find(([re]) => re.test(ua))?.[1] ?? null;
  const deviceType = /iPad|Tablet/.test(ua) ? 'tablet' : /Mobi|iPhone|Android/.test(ua) ? 'mobile' : 'desktop';
  return { deviceType, browser: pick(BROWSERS), os: pick(SYSTEMS) };
}
