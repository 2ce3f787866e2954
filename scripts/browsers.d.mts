// Types of browsers.mjs, for the TypeScript tests that launch the machine's browsers.
export function browserPaths(): { chromium: string; firefox: string };
export function requireBrowsers(names?: Array<'chromium' | 'firefox'>): { chromium: string; firefox: string };
export const chromiumArgs: string[];
export function chromiumLaunchOptions(): { executablePath: string; headless: true; args: string[] };
