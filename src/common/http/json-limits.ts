import { AppError, ErrorCode } from '../errors/app-error';

/** Values in one request body (objects, arrays and scalars): a topology of thousands of components fits. */
export const MAX_BODY_ELEMENTS = 200_000;
/** Deepest nesting accepted in a body; real documents stay under 10. */
export const MAX_JSON_DEPTH = 32;

export interface DuplicateKey {
  readonly key: string;
  readonly path: string;
}

interface Frame {
  /** Keys seen so far in an object; null for an array. */
  readonly keys: Set<string> | null;
  key?: string;
  index: number;
  expectingKey: boolean;
}

/**
 * One pass over a JSON text before it is parsed, so that what JSON.parse would build is bounded:
 * at most MAX_BODY_ELEMENTS values (counted as containers plus separators, an upper bound) and
 * MAX_JSON_DEPTH levels, else an AppError at once. Answers the path of the first key an object
 * repeats (JSON.parse would keep the last one silently), for the caller to refuse once the text
 * has proved to be valid JSON. Malformed text is left to JSON.parse to describe.
 */
export function scanJson(text: string): { duplicate?: DuplicateKey } {
  const stack: Frame[] = [];
  let elements = 1;
  let duplicate: DuplicateKey | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = closingQuote(text, i);
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectingKey) {
        const key = decodeKey(text.slice(i + 1, end));
        if (top.keys.has(key) && duplicate === undefined) duplicate = { key, path: pathOf(stack, key) };
        top.keys.add(key);
        top.key = key;
        top.expectingKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++elements > MAX_BODY_ELEMENTS) throw tooManyElements();
      stack.push({ keys: c === 0x7b ? new Set() : null, index: 0, expectingKey: c === 0x7b });
      if (stack.length > MAX_JSON_DEPTH) {
        throw new AppError(ErrorCode.InvalidBody, `Request body nests deeper than ${MAX_JSON_DEPTH} levels`);
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      if (++elements > MAX_BODY_ELEMENTS) throw tooManyElements();
      const top = stack[stack.length - 1];
      if (top) {
        top.index++;
        top.expectingKey = top.keys !== null;
      }
    }
  }
  return duplicate === undefined ? {} : { duplicate };
}

/** Index of the quote closing the string opened at `open` (one past the text when unterminated). */
function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return text.length;
}

function decodeKey(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** `settings.isolation`, `components[2].labels.role`: the path of `key` in the innermost object. */
function pathOf(stack: readonly Frame[], key: string): string {
  let path = '';
  for (let level = 0; level < stack.length - 1; level++) {
    const frame = stack[level]!;
    path = frame.keys ? (path ? `${path}.${frame.key}` : (frame.key ?? '')) : `${path}[${frame.index}]`;
  }
  return path ? `${path}.${key}` : key;
}

function tooManyElements(): AppError {
  return new AppError(
    ErrorCode.PayloadTooLarge,
    `Request body has more than ${MAX_BODY_ELEMENTS} elements (the limit)`,
  );
}

/** A body whose text repeats a key in one object: refused by name, as YAML's parser refuses it. */
export function duplicateKeyError({ key, path }: DuplicateKey): AppError {
  return new AppError(ErrorCode.InvalidBody, `Request body is not valid JSON: duplicate key "${key}" at ${path}`, [
    { field: path, reason: `the key "${key}" is given twice` },
  ]);
}
