import type { z } from 'zod';

/** One request/response channel: a zod schema for its input and a phantom output type. */
export interface ChannelSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Never set at run time: carries the output type for the derived client and router. */
  readonly output?: O;
}

/** Declares a channel whose handler returns O; call the result with the input schema. */
export function channel<O>(): <I extends z.ZodType>(input: I) => ChannelSpec<I, O> {
  return (input) => ({ input });
}

/** One main→renderer event, carrying a phantom payload type. */
export interface EventSpec<P> {
  readonly payload?: P;
}

/** Declares a main→renderer event with payload P. */
export function event<P>(): EventSpec<P> {
  return {};
}
