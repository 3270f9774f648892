import type { z } from 'zod';

/**
 * One request/response channel: a zod schema for its input, one for its output (checked and
 * stripped of unknown members before a result reaches the page), and the output's declared type.
 */
export interface ChannelSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** What the router lets through to the page: unknown members are dropped, a mismatch is refused. */
  readonly output: z.ZodType;
  /** Never set at run time: carries the output type for the derived client and router. */
  readonly type?: O;
}

/** T with every `readonly` removed, deeply, so that two shapes compare by their members only. */
type Writable<T> = T extends (...args: never) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? Writable<E>[]
    : T extends object
      ? { -readonly [K in keyof T]: Writable<T[K]> }
      : T;

/** True when A and B are the same type (members, optionality and all), readonly aside. */
type Same<A, B> =
  (<T>() => T extends Writable<A> ? 1 : 2) extends <T>() => T extends Writable<B> ? 1 : 2
    ? true
    : false;

/** Nothing when a schema yields exactly the declared type O; else a member no schema has. */
type YieldsExactly<O, S extends z.ZodType> =
  Same<z.output<S>, O> extends true
    ? unknown
    : { readonly 'the output schema does not yield the declared type': O };

/**
 * Declares a channel whose handler returns O; call the result with the input schema and the
 * output schema. The compiler checks that the output schema yields exactly O, so no field of the
 * declared type is silently dropped and none the type lacks gets through.
 */
export function channel<O>(): <I extends z.ZodType, S extends z.ZodType>(
  input: I,
  output: S & YieldsExactly<O, S>,
) => ChannelSpec<I, O> {
  return (input, output) => ({ input, output: output as z.ZodType });
}

/** One main→renderer event, carrying a phantom payload type. */
export interface EventSpec<P> {
  readonly payload?: P;
}

/** Declares a main→renderer event with payload P. */
export function event<P>(): EventSpec<P> {
  return {};
}
