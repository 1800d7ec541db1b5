// The state of a person grading the DASA selection: which sample is in front of them, the grades
// given so far, and an undo history. Pure, so the keyboard view stays thin and the rules are tested.
import type { Grade } from '../../core/data/schema';

interface Step {
  id: string;
  /** The grade before this step; undefined when the sample had none. */
  before: Grade | undefined;
  cursorBefore: number;
}

export class AnnotationSession {
  readonly ids: readonly string[];
  #cursor = 0;
  readonly #grades = new Map<string, Grade>();
  readonly #history: Step[] = [];

  constructor(ids: readonly string[], initial: ReadonlyMap<string, Grade> = new Map()) {
    this.ids = ids;
    for (const id of ids) {
      const grade = initial.get(id);
      if (grade !== undefined) this.#grades.set(id, grade);
    }
    const firstOpen = ids.findIndex((id) => !this.#grades.has(id));
    this.#cursor = firstOpen === -1 ? 0 : firstOpen;
  }

  get cursor(): number {
    return this.#cursor;
  }

  get currentId(): string | null {
    return this.ids[this.#cursor] ?? null;
  }

  get graded(): number {
    return this.#grades.size;
  }

  get complete(): boolean {
    return this.ids.length > 0 && this.#grades.size === this.ids.length;
  }

  get canUndo(): boolean {
    return this.#history.length > 0;
  }

  gradeOf(id: string): Grade | undefined {
    return this.#grades.get(id);
  }

  /** A copy: grades of the samples graded so far. */
  grades(): Map<string, Grade> {
    return new Map(this.ids.filter((id) => this.#grades.has(id)).map((id) => [id, this.#grades.get(id)!]));
  }

  /** Grades the current sample and moves to the next one (staying on the last). */
  grade(grade: Grade): void {
    const id = this.currentId;
    if (id === null) return;
    this.#history.push({ id, before: this.#grades.get(id), cursorBefore: this.#cursor });
    this.#grades.set(id, grade);
    if (this.#cursor < this.ids.length - 1) this.#cursor += 1;
  }

  /** Takes back the last grade given and returns to that sample. */
  undo(): boolean {
    const step = this.#history.pop();
    if (!step) return false;
    if (step.before === undefined) this.#grades.delete(step.id);
    else this.#grades.set(step.id, step.before);
    this.#cursor = step.cursorBefore;
    return true;
  }

  move(by: number): void {
    if (this.ids.length === 0) return;
    this.#cursor = Math.min(this.ids.length - 1, Math.max(0, this.#cursor + by));
  }

  goTo(index: number): void {
    if (index >= 0 && index < this.ids.length) this.#cursor = index;
  }
}
