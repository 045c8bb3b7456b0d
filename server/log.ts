// Minimal leveled logger on stderr, so tools that print JSON on stdout stay parseable.
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = ORDER[(process.env.LOG_LEVEL as Level) || "info"] ?? ORDER.info;

/** How many messages of each level were logged: the fuzz run reports errors from here. */
export const logCounts: Record<Level, number> = { debug: 0, info: 0, warn: 0, error: 0 };

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  logCounts[level]++;
  if (ORDER[level] < threshold) return;
  const extra = fields ? " " + JSON.stringify(fields) : "";
  process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${extra}\n`);
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
};
