export type Level = 'info' | 'warn' | 'error';

/** One JSON object per line. Callers pass facts about the request, never its body or personal data. */
export type Log = (level: Level, msg: string, fields?: Record<string, unknown>) => void;

export const jsonLog: Log = (level, msg, fields = {}) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
};

export const silentLog: Log = () => {};
