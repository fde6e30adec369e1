/**
 * One policy as YAML, byte for byte what the `yaml` library's `stringify` gives, in a fraction of its
 * time. Stored manifests are digested (ETag, version dedupe), so the bytes change only on purpose (issue
 * 12: quoting for YAML 1.1 readers); the library is about 40 µs per scalar node because it builds a
 * document tree first, and a policy set of 1,000 components has hundreds of thousands of nodes of which
 * only a few thousand scalars are distinct.
 *
 * The emitter writes only the block layout of plain data (maps, sequences, scalars) and asks the
 * library for each distinct scalar's text in the same position (a key, a map value, a sequence item),
 * so every quoting rule stays the library's. What it does not model — multi-line text, strings that
 * start like a document marker (their quoting depends on depth), keys long enough to become explicit,
 * non-plain objects — makes it hand the whole policy to the library.
 * policy-yaml.property.spec.ts compares the two over generated policies.
 */
import {
  stringify,
  type CreateNodeOptions,
  type DocumentOptions,
  type ScalarTag,
  type SchemaOptions,
  type ToStringOptions,
} from 'yaml';
import { isPlainObject, sortKeysDeep } from './canonical';

/**
 * Strings Go's number syntax reads as an integer and neither YAML schema does: go-yaml v2 drops `_`
 * and parses a plain scalar that starts with a digit or a sign with strconv.ParseInt(s, 0, 64), which
 * takes `0O17`, `0X1F`, `0B101`, `+0o17` and `0o1_7`. Only its test is used (to quote such strings); it
 * identifies no value, so no number is written with it.
 */
const GO_PREFIXED_INTEGER: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: /^[-+]?0[bBoOxX]/,
  resolve: (text: string) => text,
};

/**
 * No folding, two-space indent, no aliases, and every string quoted that some reader of the manifests
 * would take for something else: Kubernetes reads them with go-yaml v2 (YAML 1.1, where a plain `yes`,
 * `on` or `n` is a boolean; `version`), this service and most tools with YAML 1.2's core schema (where
 * `0o17` is a number; `compat`), and Go's integer syntax goes further (GO_PREFIXED_INTEGER). The
 * library's default, YAML 1.2 alone, left the YAML 1.1 words plain until issue 12.
 */
const OPTIONS: DocumentOptions & SchemaOptions & CreateNodeOptions & ToStringOptions = {
  lineWidth: 0,
  indent: 2,
  aliasDuplicateObjects: false,
  version: '1.1',
  compat: 'core',
  customTags: [GO_PREFIXED_INTEGER],
};

/** The reference: the library's rendering of one value, keys sorted at every level. */
export function yamlByLibrary(value: unknown): string {
  // sortKeysDeep copies every object, so none repeats: the search for aliases would find nothing.
  return stringify(sortKeysDeep(value), OPTIONS);
}

/** Where a scalar stands: its text comes from the library rendering it in the same position. */
type Position = 'key' | 'value' | 'item';

/** Thrown inside the emitter when a value is outside what it models; caught by `yamlOf`. */
class Unsupported extends Error {}

/**
 * Renders values as `yamlByLibrary` does. One instance memoises scalar texts, so keep it for one
 * rendering (a policy set) and drop it: its memory grows with the distinct scalars it has seen.
 */
export class YamlEmitter {
  private readonly texts: Record<Position, Map<unknown, string | null>> = {
    key: new Map(),
    value: new Map(),
    item: new Map(),
  };

  /** `yamlByLibrary(value)`, with the same bytes. */
  yamlOf(value: unknown): string {
    const sorted = sortKeysDeep(value);
    if (!isPlainObject(sorted) || Object.keys(sorted).length === 0) return yamlByLibrary(value);
    try {
      return this.map(sorted, '', '');
    } catch (error) {
      if (error instanceof Unsupported) return stringify(sorted, OPTIONS);
      throw error;
    }
  }

  /** A non-empty block map whose first line starts with `first` and the others with `indent`. */
  private map(value: Record<string, unknown>, first: string, indent: string): string {
    let out = '';
    let prefix = first;
    for (const key of Object.keys(value)) {
      out += `${prefix}${this.scalar(key, 'key')}:${this.member(value[key], indent, 'value', ' ')}`;
      prefix = indent;
    }
    return out;
  }

  /** A non-empty block sequence at `indent`, its first line starting with `first`. */
  private sequence(value: readonly unknown[], first: string, indent: string): string {
    let out = '';
    let prefix = first;
    for (const item of value) {
      out += `${prefix}-${this.member(item, indent, 'item', ' ')}`;
      prefix = indent;
    }
    return out;
  }

  /**
   * What follows a key's colon or an item's dash: ` scalar`, ` {}`, ` []`, a nested block on the next
   * lines (a map value), or a nested block starting on this line (a sequence item).
   */
  private member(value: unknown, indent: string, position: 'value' | 'item', space: string): string {
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      if (value.length === 0) return `${space}[]\n`;
      return position === 'value' ? `\n${this.sequence(value, inner, inner)}` : this.sequence(value, space, inner);
    }
    if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) return `${space}{}\n`;
      return position === 'value' ? `\n${this.map(value, inner, inner)}` : this.map(value, space, inner);
    }
    return `${space}${this.scalar(value, position)}\n`;
  }

  private scalar(value: unknown, position: Position): string {
    // A Map does not tell -0 from 0 (SameValueZero): -0 must never reach the memo, in either order.
    if (Object.is(value, -0)) throw new Unsupported();
    const memo = this.texts[position];
    let text = memo.get(value);
    if (text === undefined) memo.set(value, (text = scalarText(value, position)));
    if (text === null) throw new Unsupported();
    return text;
  }
}

/**
 * Strings the library writes as they are in a value or item position: a lower-case letter, then
 * lower-case letters, digits and dashes (the names and label values of a policy set, most of its
 * distinct scalars), except those the YAML 1.1 schema reads as something else: its booleans and null,
 * and `e` with an exponent (`e5`, `e-1`), which its float pattern takes for a number with no mantissa.
 * Taking their text as it is skips the library's document round for each (tens of µs); the property
 * spec checks them against the library exhaustively up to three characters and at random beyond.
 */
const PLAIN_NAME = /^[a-z][a-z0-9-]*$/;
const NOT_A_STRING = /^(?:y|yes|n|no|on|off|true|false|null|e-?[0-9]+)$/;

/** The library's text for one scalar in `position`, or null when the emitter must not use it. */
function scalarText(value: unknown, position: Position): string | null {
  if (position !== 'key' && typeof value === 'string' && PLAIN_NAME.test(value) && !NOT_A_STRING.test(value)) {
    return value;
  }
  const plain = typeof value === 'string' || typeof value === 'boolean' || value === null || typeof value === 'number';
  if (!plain) return null;
  // Their quoting depends on depth or their lines on the indent: the emitter does not model either.
  if (typeof value === 'string' && (/^(%|---|\.\.\.)/m.test(value) || /[\n\r]/.test(value))) return null;
  const [rendered, before, after] =
    position === 'key'
      ? [stringify({ [value as string]: null }, OPTIONS), '', ': null\n']
      : position === 'value'
        ? [stringify({ k: value }, OPTIONS), 'k: ', '\n']
        : [stringify([value], OPTIONS), '- ', '\n'];
  if (!rendered.startsWith(before) || !rendered.endsWith(after)) return null;
  const text = rendered.slice(before.length, rendered.length - after.length);
  // A key too long for an implicit key becomes `? key`; any line break means a layout not modelled.
  return text.includes('\n') || (position === 'key' && text.startsWith('? ')) ? null : text;
}
