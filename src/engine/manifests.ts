/**
 * Manifests: the canonical text of a policy set. The same policies always give the same bytes,
 * so the digest identifies a generated set (published versions are cached by it).
 */
import { parseAllDocuments } from 'yaml';
import { sha256Hex, sortKeysDeep } from './canonical';
import type { NetworkPolicy } from './model';
import { YamlEmitter, yamlByLibrary } from './policy-yaml';

/**
 * Multi-document YAML, one policy per document in the given order (generation already sorts),
 * keys sorted at every level, documents separated by `---`, ending in a newline; '' for none.
 */
export function toYaml(policies: readonly NetworkPolicy[]): string {
  const emitter = new YamlEmitter();
  return policies.map((p) => emitter.yamlOf(p)).join('---\n');
}

/**
 * `toYaml` as it was written before the emitter: the `yaml` library renders every policy. The bytes
 * are the same; kept as the reference of the differential tests and the baseline of the benchmark.
 */
export function toYamlByLibrary(policies: readonly NetworkPolicy[]): string {
  return policies.map((p) => yamlByLibrary(p)).join('---\n');
}

/** `toYaml` and its digest, rendering the YAML once. */
export function renderManifests(policies: readonly NetworkPolicy[]): { manifests: string; digest: string } {
  const manifests = toYaml(policies);
  return { manifests, digest: sha256Hex(manifests) };
}

/** A Kubernetes `List` (apiVersion v1) of the policies, as `kubectl apply -f` accepts it. */
export function toList(policies: readonly NetworkPolicy[]): {
  apiVersion: 'v1';
  kind: 'List';
  items: NetworkPolicy[];
} {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: policies.map((p) => sortKeysDeep(p)),
  };
}

/** `toList` as JSON: keys sorted, two-space indent, ending in a newline. */
export function toListJson(policies: readonly NetworkPolicy[]): string {
  return `${JSON.stringify(sortKeysDeep(toList(policies)), null, 2)}\n`;
}

/** sha256 (hex) of `toYaml(policies)`. */
export function digestOf(policies: readonly NetworkPolicy[]): string {
  return renderManifests(policies).digest;
}

/** Canonical manifests (toYaml's text) parsed back: what a pull serves is exactly what analysis sees. */
export function policiesOfManifests(manifests: string): NetworkPolicy[] {
  return parseAllDocuments(manifests).flatMap((doc) => {
    const value = doc.toJS() as NetworkPolicy | null;
    return value ? [value] : [];
  });
}

const listJsonMemo = new WeakMap<object, string>();
/**
 * Rendered manifests as a `kind: List` in JSON, made once per object: a published version is held in
 * memory and pulled many times, and only some callers ask for JSON.
 */
export function listJsonOf(rendered: { readonly manifests: string }): string {
  let json = listJsonMemo.get(rendered);
  if (json === undefined) listJsonMemo.set(rendered, (json = toListJson(policiesOfManifests(rendered.manifests))));
  return json;
}
