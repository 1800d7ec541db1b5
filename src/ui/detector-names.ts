// How detectors are named on the page.
const NAMES: Record<string, string> = { mahalanobis: 'Mahalanobis', knn: 'kNN', msp: 'MSP', energy: 'Energy', combined: 'Combined rank' };

export function detectorName(detector: string): string {
  return NAMES[detector] ?? detector;
}
