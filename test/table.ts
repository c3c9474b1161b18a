// Table-driven tests of pure rules: one row a case, the rule applied to its input.
import { expect, it } from 'vitest';

/** One test per row: `rule` turns the row's input into the row's expected output (`title` formats the row). */
export function itMapsEach<I, O>(title: string, rule: (input: I) => O, rows: readonly (readonly [I, O])[]): void {
  it.each(rows as [I, O][])(title, (input, expected) => {
    expect(rule(input)).toEqual(expected);
  });
}

/** One test per labelled row: `validate` refuses the row's input for the row's reason. */
export function itRefusesEach<I, R>(title: string, validate: (input: I) => unknown, rows: readonly (readonly [label: string, input: I, reason: R])[]): void {
  it.each(rows as [string, I, R][])(title, (_label, input, reason) => {
    expect(validate(input)).toEqual({ ok: false, reason });
  });
}
