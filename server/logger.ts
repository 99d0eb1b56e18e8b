// A small levelled logger. Never pass request bodies or settings here: they may hold secrets.
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof levels;

export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

export function createLogger(level: LogLevel): Logger {
  const at = (l: Exclude<LogLevel, "silent">) => (msg: string, extra?: unknown) => {
    if (levels[l] < levels[level]) return;
    const line = `${new Date().toISOString()} ${l.padEnd(5)} ${msg}`;
    (l === "error" || l === "warn" ? console.error : console.log)(line, ...(extra === undefined ? [] : [extra]));
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
