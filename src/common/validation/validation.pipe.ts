import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppError, ErrorCode, type FieldProblem } from '../errors/app-error';

/**
 * The one validation pipe: unknown fields are rejected, bodies become DTO instances, and a failure
 * is a 400 `validation/failed` whose details name every offending field and why.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}

export function validationFailed(problems: readonly FieldProblem[]): AppError {
  const first = problems[0];
  const summary = first ? `${first.field}: ${first.reason}` : 'the request is not valid';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new AppError(ErrorCode.ValidationFailed, `Invalid request: ${summary}${more}`, problems);
}

export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((reason) => ({
      field,
      reason: stripField(reason, error.property),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** class-validator messages start with the property name ("port must be..."); the field says it already. */
function stripField(reason: string, property: string): string {
  return reason.startsWith(`${property} `) ? reason.slice(property.length + 1) : reason;
}

/**
 * A DTO class may offer a quick check of its bodies' common shape (a static `quickAccepts`): true only for
 * a body its rules accept unchanged, which then skips class-transformer and class-validator; on false the
 * body is validated as always, so refusals and their messages are class-validator's. For large bodies
 * whose every field the engine's reader checks again (the topology document).
 */
export interface QuickAcceptingDto {
  quickAccepts(value: unknown): boolean;
}

/**
 * Two holes in Nest's ValidationPipe closed before it runs. A `null` body is passed through
 * unvalidated. And keys that name members of Object.prototype (`constructor`, `toString`, `valueOf`…) slip
 * past whitelisting, so `{"note": "x", "toString": 0}` would pass with the key silently dropped. Unknown
 * fields are refused, so these are too, by name, before the body becomes a DTO.
 */
/** Types of arguments that are values, not DTOs (GraphQL scalar arguments). */
const SCALAR_METATYPES = new Set<unknown>([Object, String, Number, Boolean, Array]);

/** Distinct path parameters and query strings remembered per DTO class (see StrictValidationPipe). */
const MEMO_ENTRIES = 2_000;

class StrictValidationPipe extends ValidationPipe {
  /**
   * Path parameters and query strings, validated: the same URL always validates the same way (their
   * rules are pure), and a CI pipeline or a portal asks the same few URLs thousands of times, where
   * class-transformer and class-validator would cost more than the answer. The DTO is frozen, so a
   * handler that tried to change it would fail in tests. Bodies and failures are not remembered.
   */
  private readonly memo = new Map<unknown, LRUCache<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'param' || metadata.type === 'query') && isDtoClass(metadata.metatype)) {
      let cache = this.memo.get(metadata.metatype);
      if (cache === undefined) this.memo.set(metadata.metatype, (cache = new LRUCache({ max: MEMO_ENTRIES })));
      const key = `${metadata.type}\u0000${JSON.stringify(value)}`;
      // A value remembered passed every check below once, rejectNul's included (JSON writes U+0000 as
      // an escape, so a value holding it never has the key of one that does not).
      const known = cache.get(key);
      if (known !== undefined) return known;
      rejectNul(value, metadata);
      const dto = (await super.transform(value, metadata)) as object;
      cache.set(key, Object.freeze(dto));
      return dto;
    }
    rejectNul(value, metadata);
    return this.strictTransform(value, metadata);
  }

  /**
   * Nest deletes `__proto__`, `prototype` and `constructor` keys at every depth before class-transformer
   * runs. In a body (or GraphQL arguments) such keys outside label maps were refused by name already
   * (strictTransform), and inside a label map they are label keys that must stay; path parameters and
   * query strings are flat. So only the top level is left to clean, as Nest would.
   */
  protected override stripProtoKeys(value: unknown): void {
    if (typeof value !== 'object' || value === null) return;
    for (const key of ['__proto__', 'prototype', 'constructor']) {
      if (Object.hasOwn(value, key)) delete (value as Record<string, unknown>)[key];
    }
  }

  private async strictTransform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      // A body of `null`, `[]` or `3` is not the object a DTO describes; Nest's pipe lets null through.
      // GraphQL arguments arrive as 'body' too: `@Args('name') name: string` has metatype String.
      if (
        isDtoClass(metadata.metatype) &&
        value !== undefined &&
        (typeof value !== 'object' || value === null || Array.isArray(value))
      ) {
        throw validationFailed([{ field: 'body', reason: 'must be a JSON object' }]);
      }
      const field = prototypeKeyIn(value);
      if (field !== undefined) throw validationFailed([{ field, reason: 'this property should not exist' }]);
      if (quickAccepts(metadata.metatype, value)) return value;
    }
    return super.transform(value, metadata);
  }
}

/**
 * Every value a route or resolver receives passes here (bodies, path parameters, query strings, GraphQL
 * arguments; a path parameter or query string the memo remembers passed when it was first validated),
 * so this is the one place NUL is refused: Postgres text cannot hold U+0000, and a string
 * with it would fail deep in a query as a 500. Fields are named as class-validator names them: inside
 * a body or a GraphQL input by their path in it, a scalar argument (`@Args('name')`) by its name.
 */
function rejectNul(value: unknown, metadata: ArgumentMetadata): void {
  // What the caller sent only: 'custom' is the rest (a GraphQL context or parent, the caller), which
  // holds the request and reply and would be a long, cyclic walk.
  if (metadata.type === 'custom') return;
  const path = nulFieldIn(value);
  if (path === undefined) return;
  const field = path || metadata.data || metadata.type;
  throw validationFailed([{ field, reason: 'must not contain the NUL character (U+0000)' }]);
}

/** The path of the first string (or key) holding U+0000, without recursion; '' for the value itself. */
export function nulFieldIn(value: unknown): string | undefined {
  const stack: [unknown, Place | undefined][] = [[value, undefined]];
  while (stack.length > 0) {
    const [node, place] = stack.pop() as [unknown, Place | undefined];
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return pathOf(place);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const entries = Object.entries(node);
    // A key is named by its parent: the key itself is what cannot be printed.
    if (entries.some(([key]) => key.includes('\u0000'))) return pathOf(place);
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], { parent: place, key: entries[i]![0] }]);
  }
  return undefined;
}

/**
 * Where a walk is in a value: a key and where its parent is. The walks below name a field only when
 * they find one, so the path string is put together then (pathOf), not for each of a large body's
 * thousands of nodes.
 */
interface Place {
  readonly parent: Place | undefined;
  readonly key: string;
}

/** The field's path as joinPath writes it (`flows[3].ports[0].port`); '' for the value itself. */
function pathOf(place: Place | undefined): string {
  const keys: string[] = [];
  for (let at = place; at !== undefined; at = at.parent) keys.push(at.key);
  return keys.reduceRight((path, key) => joinPath(path, key), '');
}

function quickAccepts(metatype: unknown, value: unknown): boolean {
  const check = (metatype as Partial<QuickAcceptingDto> | undefined)?.quickAccepts;
  return typeof check === 'function' && check(value);
}

function isDtoClass(metatype: unknown): boolean {
  return typeof metatype === 'function' && !SCALAR_METATYPES.has(metatype);
}

/** Fields where openapi.yaml documents null: a selector expression's values (Exists, DoesNotExist). */
const NULLABLE_FIELDS = new Set(['values']);

/** The path of the first null in a body (outside NULLABLE_FIELDS), without recursion; undefined when none. */
export function nullFieldIn(body: unknown): string | undefined {
  const stack: [unknown, Place | undefined][] = [[body, undefined]];
  while (stack.length > 0) {
    const [node, place] = stack.pop() as [unknown, Place | undefined];
    if (typeof node !== 'object' || node === null) continue;
    const entries = Object.entries(node);
    for (const [key, child] of entries) {
      if (child === null && !(NULLABLE_FIELDS.has(key) && !Array.isArray(node))) return pathOf({ parent: place, key });
    }
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], { parent: place, key: entries[i]![0] }]);
  }
  return undefined;
}

/** Keys Nest's ValidationPipe would delete silently (`prototype`), or that slip past whitelisting. */
const PROTOTYPE_KEYS: readonly string[] = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];

/** Free-form maps (Kubernetes labels), where `constructor` is a valid key like any other. */
const MAP_FIELDS = new Set(['labels', 'matchLabels']);

/** The path of the first own key naming an Object.prototype member (outside label maps), without recursion. */
export function prototypeKeyIn(body: unknown): string | undefined {
  const stack: [unknown, Place | undefined][] = [[body, undefined]];
  while (stack.length > 0) {
    const [node, place] = stack.pop() as [unknown, Place | undefined];
    if (typeof node !== 'object' || node === null) continue;
    const key = Array.isArray(node) ? undefined : PROTOTYPE_KEYS.find((name) => Object.hasOwn(node, name));
    if (key !== undefined) return pathOf({ parent: place, key });
    for (const [key, child] of Object.entries(node)) {
      if (!MAP_FIELDS.has(key)) stack.push([child, { parent: place, key }]);
    }
  }
  return undefined;
}
