// Durations as the command line prints them (progress lines, summaries).

export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const m = Math.floor(whole / 60);
  return `${m}m${String(whole - 60 * m).padStart(2, '0')}s`;
}
