import { z } from 'zod';
import {
  CLIENT_AUTH_METHODS,
  COLOUR_PATTERN,
  CREDENTIAL_BACKENDS,
  CONTROL_CHARACTERS,
  ENVIRONMENT_FIELDS,
  ENVIRONMENT_FIELD_NAMES,
  ENVIRONMENT_KINDS,
  MAX_EXTRA_HEADERS,
  MAX_HEADER_VALUE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_URL_LENGTH,
  headersProblem,
  urlProblem,
  type EnvironmentFieldName,
  type FieldSpec,
  type FieldType,
  type FieldValues,
} from './environment';
import {
  MAX_RESOURCES,
  MAX_TEXT_LENGTH,
  MAX_TOKEN_PARAMS,
  resourcesProblem,
  textProblem,
  tokenParamsProblem,
} from './token-request-rules';
import { secretHeaderNamesProblem } from './secret-header-rules';

// The zod schemas of an environment's fields, each derived from ENVIRONMENT_FIELDS by field type:
// what the contract accepts, what main enforces, and what profiles.json holds. Main and the
// contract only: the renderer must not import this module (it would bundle zod).

/** One schema builder per field type: a new type fails to compile until each use has one. */
type Builders = { readonly [T in FieldType]: (spec: FieldSpec<T>) => z.ZodType<FieldValues[T]> };

/** The per-field schemas that a set of builders makes, typed field by field. */
type ShapeOf<B extends Builders> = {
  readonly [K in EnvironmentFieldName]: ReturnType<B[(typeof ENVIRONMENT_FIELDS)[K]['type']]>;
};

/**
 * Builds the schema of every field with the builder of its type; with `fallbacks`, a field left
 * out gets its declared fallback (a file written before the field existed, core's own callers).
 */
function shapeOf<B extends Builders>(
  builders: B,
  { fallbacks }: { fallbacks: boolean },
): ShapeOf<B> {
  return Object.fromEntries(
    ENVIRONMENT_FIELD_NAMES.map((name) => {
      const spec: FieldSpec = ENVIRONMENT_FIELDS[name];
      const schema = (builders[spec.type] as (spec: FieldSpec) => z.ZodType)(spec);
      const fallback = fallbacks ? spec.fallback : undefined;
      return [name, fallback === undefined ? schema : schema.default(fallback)];
    }),
  ) as ShapeOf<B>;
}

/** The renderer's fields by type: types and size caps only, so nothing huge reaches main. */
const INPUT_BUILDERS = {
  name: () => z.string().max(200),
  kind: () => z.enum(ENVIRONMENT_KINDS),
  url: () => z.string().max(MAX_URL_LENGTH),
  'optional-url': () => z.string().max(MAX_URL_LENGTH).nullable(),
  headers: () => z.record(z.string().max(200), z.string().max(MAX_HEADER_VALUE_LENGTH)),
  // Typed readonly like the field, without `.readonly()`: zod would freeze whatever it was given,
  // and a typed array sent in its place cannot be frozen (the call would throw, not be refused).
  'header-names': () =>
    z.array(z.string().max(200)).max(MAX_EXTRA_HEADERS) as z.ZodType<
      readonly string[],
      readonly string[]
    >,
  colour: () => z.string().max(20),
  text: () => z.string().max(MAX_TEXT_LENGTH * 2),
  'url-list': () =>
    z.array(z.string().max(MAX_URL_LENGTH)).max(MAX_RESOURCES * 2) as z.ZodType<
      readonly string[],
      readonly string[]
    >,
  params: () =>
    z
      .record(z.string().max(200), z.string().max(MAX_TEXT_LENGTH * 2))
      .refine((params) => Object.keys(params).length <= MAX_TOKEN_PARAMS * 2, {
        error: `At most ${MAX_TOKEN_PARAMS} extra parameters.`,
      }),
  'client-auth': () => z.enum(CLIENT_AUTH_METHODS),
  backend: () => z.enum(CREDENTIAL_BACKENDS),
} satisfies Builders;

/**
 * The fields as the renderer sends them (an edit's patch is its partial). Main checks the rules
 * itself (`checkedEnvironmentFieldsSchema`) and reports them field by field.
 */
export const EnvironmentFieldsInput = z.strictObject(shapeOf(INPUT_BUILDERS, { fallbacks: false }));

/** The fields of a new environment as the renderer sends them: those with a fallback may be left out. */
export const NewEnvironmentFieldsInput = z.strictObject(
  shapeOf(INPUT_BUILDERS, { fallbacks: true }),
);

/** Each field type's schema checked for shape only (profiles.json, what main answers the page). */
const shapeOnly = {
  name: () => z.string(),
  kind: () => z.enum(ENVIRONMENT_KINDS),
  url: () => z.string(),
  'optional-url': () => z.string().nullable(),
  headers: () => z.record(z.string(), z.string()),
  'header-names': () => z.array(z.string()),
  colour: () => z.string(),
  text: () => z.string(),
  'url-list': () => z.array(z.string()),
  params: () => z.record(z.string(), z.string()),
  'client-auth': () => z.enum(CLIENT_AUTH_METHODS),
  backend: () => z.enum(CREDENTIAL_BACKENDS),
} as const satisfies Builders;

/**
 * The values of secret headers as the renderer sends them (name → value), beside the fields:
 * main writes each to the keychain and never returns it. Types and size caps only, as above.
 */
export const SecretHeaderValuesInput = z
  .record(z.string().max(200), z.string().max(MAX_HEADER_VALUE_LENGTH))
  .refine((values) => Object.keys(values).length <= MAX_EXTRA_HEADERS, {
    error: `At most ${MAX_EXTRA_HEADERS} secret headers.`,
  });

/**
 * The fields as profiles.json stores them: checked for shape only, so that a rule tightened later
 * cannot void a file the user already has.
 */
export const storedEnvironmentFieldsShape = shapeOf(shapeOnly, { fallbacks: true });

/** The fields as main answers them to the page (part of every environment channel's output schema). */
export const environmentFieldsOutputShape = shapeOf(shapeOnly, { fallbacks: false });

/**
 * The fields as main enforces them, one schema per field, with the messages the form shows next
 * to each field. `looksSecret` is main's secret-shape guard: secrets belong in the keychain.
 * Cross-field rules (https for production) are checked after it: zod cannot extend or pick an
 * object schema that carries refinements, and this one is meant to be extended.
 */
export function checkedEnvironmentFieldsSchema(looksSecret: (value: string) => boolean) {
  const noSecret = (value: string): boolean => !looksSecret(value);
  const NO_SECRET = { error: 'This looks like a secret or a token: those belong in the keychain.' };
  const httpUrl = (spec: FieldSpec) =>
    z
      .string()
      .trim()
      .min(1, { error: `Enter the ${spec.label}.`, abort: true })
      .max(MAX_URL_LENGTH, {
        error: `Keep the ${spec.label} under ${MAX_URL_LENGTH} characters.`,
      })
      .refine(noSecret, NO_SECRET)
      .superRefine((value, ctx) => {
        const problem = urlProblem(value, spec);
        if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
      });
  return z.object(
    shapeOf(
      {
        name: () =>
          z
            .string()
            .trim()
            .min(1, { error: 'Give the environment a name.' })
            .max(MAX_NAME_LENGTH, {
              error: `Keep the name to ${MAX_NAME_LENGTH} characters or fewer.`,
            })
            .refine((value) => !CONTROL_CHARACTERS.test(value) && !value.includes('\t'), {
              error: 'The name cannot contain control characters.',
            })
            .refine(noSecret, NO_SECRET),
        kind: () =>
          z.enum(ENVIRONMENT_KINDS, { error: `Choose one of: ${ENVIRONMENT_KINDS.join(', ')}.` }),
        url: httpUrl,
        'optional-url': (spec) => httpUrl(spec).nullable(),
        headers: () =>
          z.record(z.string(), z.string()).superRefine((headers, ctx) => {
            const problem = headersProblem(headers, looksSecret);
            if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
          }),
        'header-names': () =>
          z.array(z.string().trim()).superRefine((names, ctx) => {
            const problem = secretHeaderNamesProblem(names);
            if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
          }),
        colour: () =>
          z
            .string()
            .trim()
            .regex(COLOUR_PATTERN, { error: 'Use a colour written as #rrggbb.' })
            .transform((value) => value.toLowerCase()),
        text: (spec) =>
          z
            .string()
            .trim()
            .superRefine((value, ctx) => {
              const problem = textProblem(value, spec.label);
              if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
            })
            .refine(noSecret, NO_SECRET),
        'url-list': () =>
          z.array(z.string().trim()).superRefine((values, ctx) => {
            const problem = resourcesProblem(values);
            if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
          }),
        params: () =>
          z.record(z.string(), z.string()).superRefine((params, ctx) => {
            const problem = tokenParamsProblem(params, looksSecret);
            if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
          }),
        'client-auth': () =>
          z.enum(CLIENT_AUTH_METHODS, {
            error: `Choose one of: ${CLIENT_AUTH_METHODS.join(', ')}.`,
          }),
        backend: () =>
          z.enum(CREDENTIAL_BACKENDS, {
            error: `Choose one of: ${CREDENTIAL_BACKENDS.join(', ')}.`,
          }),
      },
      { fallbacks: true },
    ),
  );
}
