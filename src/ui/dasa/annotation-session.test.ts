import { describe, expect, it } from 'vitest';
import { AnnotationSession } from './annotation-session';

describe('AnnotationSession', () => {
  it('grades, advances, and stays on the last sample', () => {
    const session = new AnnotationSession(['a', 'b', 'c']);
    expect(session.currentId).toBe('a');
    session.grade(2);
    session.grade(0);
    expect(session.currentId).toBe('c');
    session.grade(1);
    expect(session.currentId).toBe('c');
    expect(session.complete).toBe(true);
    expect([...session.grades()]).toEqual([['a', 2], ['b', 0], ['c', 1]]);
  });

  it('undoes the last grade, restoring the grade before and the sample', () => {
    const session = new AnnotationSession(['a', 'b', 'c']);
    session.grade(2);
    session.move(-1);
    session.grade(1); // regrade a: 2 -> 1
    expect(session.gradeOf('a')).toBe(1);
    expect(session.undo()).toBe(true);
    expect(session.gradeOf('a')).toBe(2);
    expect(session.currentId).toBe('a');
    expect(session.undo()).toBe(true);
    expect(session.gradeOf('a')).toBeUndefined();
    expect(session.graded).toBe(0);
    expect(session.undo()).toBe(false);
  });

  it('starts at the first ungraded sample, keeps only known ids, and clamps moves', () => {
    const session = new AnnotationSession(['a', 'b', 'c'], new Map([['a', 0], ['zz', 2]] as const));
    expect(session.currentId).toBe('b');
    expect(session.graded).toBe(1);
    session.move(5);
    expect(session.currentId).toBe('c');
    session.move(-9);
    expect(session.currentId).toBe('a');
    session.goTo(7);
    expect(session.cursor).toBe(0);
    const empty = new AnnotationSession([]);
    empty.grade(1);
    expect(empty.currentId).toBeNull();
    expect(empty.complete).toBe(false);
  });
});
