// Every setting of the lab, registered once by src/ui/stages/index.ts. Parts of the page that the stage
// files themselves import (the pipeline session) read them here, so no import cycle runs through the
// stage list.
import type { SettingSpec } from './spec';

let registered: readonly SettingSpec[] = [];

export function registerSettings(specs: readonly SettingSpec[]): void {
  registered = specs;
}

export function allSettings(): readonly SettingSpec[] {
  return registered;
}
