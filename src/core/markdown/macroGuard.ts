// A bound on what a formula's own macros expand to.
//
// KaTeX bounds macro expansion by count (`maxExpand`), not by size: a short formula whose macros nest fat
// bodies (or copy their arguments) can put megabytes in front of its parser (docs/performance.md, "The
// measurements behind the renderer's limits"). So the tokens that expansions push are counted here, after
// arguments are substituted, and a formula past `limit` stops with an error.
//
// How: user macros (`\def`, `\gdef`, `\newcommand`, `\let` …) live in the `macros` object the caller passes,
// and KaTeX reads a macro from it each time it expands one. This object is a Proxy that hands KaTeX, instead
// of the stored definition, a function macro (KaTeX's documented `(context) => expansion` form) returning the
// same definition; the first call in a formula also wraps that formula's expander's `pushTokens`, where every
// expansion's tokens go. That method is KaTeX's own, not its documented API: if a KaTeX update removes it the
// guard fails closed (the formula errors, `test/unit/hardening.test.ts` fails) rather than letting bombs through.

export class MacroExpansionTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`macros expand to more than ${limit} tokens (a macro used very often, or one that copies its argument)`);
    this.name = 'MacroExpansionTooLarge';
  }
}

/** Tokens pushed by macro expansion in the formula being typeset; the caller resets `tokens` before each formula. */
export interface ExpansionMeter {
  tokens: number;
}

interface Expander {
  pushTokens(tokens: unknown[]): void;
}

const metered = new WeakSet<object>();

/** A `macros` object for KaTeX whose user macros count what they expand to into `meter`, up to `limit` tokens. */
export function guardedMacros(meter: ExpansionMeter, limit: number): Record<string, object | string> {
  const watch = (context: unknown): void => {
    const expander = context as Expander;
    if (metered.has(expander)) return;
    const push = expander?.pushTokens;
    if (typeof push !== 'function')
      throw new Error('cannot bound macro expansion with this KaTeX version: user macros are off');
    metered.add(expander);
    expander.pushTokens = function (this: Expander, tokens: unknown[]) {
      meter.tokens += tokens.length;
      if (meter.tokens > limit) throw new MacroExpansionTooLarge(limit);
      return push.call(this, tokens);
    };
  };
  return new Proxy({} as Record<string, object | string>, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      // Definitions are objects ({ tokens, numArgs }); `\let` to a primitive (`unexpandable`) pushes nothing.
      if (
        typeof key !== 'string' ||
        value === null ||
        typeof value !== 'object' ||
        (value as { unexpandable?: boolean }).unexpandable
      )
        return value;
      return (context: unknown) => {
        watch(context);
        return value;
      };
    },
  });
}
