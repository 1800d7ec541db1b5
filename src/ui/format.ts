// Small display helpers for figures shown on the page.

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatAdapter(adapter: { vendor: string; architecture: string; device: string; description: string } | null): string {
  if (!adapter) return 'none';
  const parts = [adapter.description, adapter.vendor, adapter.architecture, adapter.device].filter((part) => part !== '');
  return parts.length > 0 ? [...new Set(parts)].join(' · ') : 'unnamed adapter';
}

/** "45 s", "3 min 20 s", "1 h 5 min": for ETAs and elapsed times. */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en');
}
