// Named errors that cross the worker boundary intact (see src/core/error-transfer.ts).
// Every failure a person can act on is a LabError subclass with a message that says what to do.

export class LabError extends Error {
  /** Extra, structured facts (file, line, column, sizes...) for the UI to show beside the message. */
  readonly details: Record<string, unknown>;
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.details = details;
    this.name = new.target.name;
  }
}

type LabErrorClass = new (message: string, details?: Record<string, unknown>) => LabError;
const registry = new Map<string, LabErrorClass>();

/** Registers an error class so it is rebuilt with its own class on the other side of the worker boundary. */
export function registerLabError(cls: LabErrorClass): void {
  registry.set(cls.name, cls);
}

export function labErrorClass(name: string): LabErrorClass | undefined {
  return registry.get(name);
}

registerLabError(LabError);
