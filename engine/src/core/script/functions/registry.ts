import { ChorusError } from '../../errors.ts';
import type { FunctionSpec } from './types.ts';

/** Functions by name, case-insensitively, aliases included. */
export class FunctionTable {
  private readonly byName = new Map<string, FunctionSpec>();

  constructor(readonly functions: readonly FunctionSpec[]) {
    for (const spec of functions) {
      for (const name of [spec.name, ...(spec.aliases ?? [])]) {
        const key = name.toLowerCase();
        if (this.byName.has(key)) throw new ChorusError('INTERNAL', `function ${name} is defined twice`);
        this.byName.set(key, spec);
      }
    }
  }

  get(name: string): FunctionSpec | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Every name a call can use (canonical names and aliases), for completion. */
  names(): string[] {
    return [...this.byName.values()].flatMap((s) => [s.name, ...(s.aliases ?? [])]).filter((n, i, all) => all.indexOf(n) === i);
  }
}
