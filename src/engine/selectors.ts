/**
 * Label selector matching (metav1.LabelSelector), Kubernetes rule 16: matchLabels and
 * matchExpressions are AND-ed; NotIn and DoesNotExist match objects that lack the key.
 * An empty selector `{}` matches everything; an absent selector is the caller's business
 * (rule 7: absent differs from `{}`), so this module only ever sees a present selector.
 */
import type { LabelSelector, LabelSelectorRequirement } from './topology';

export type Labels = Readonly<Record<string, string>>;

function has(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

export function matchesRequirement(req: LabelSelectorRequirement, labels: Labels): boolean {
  const present = has(labels, req.key);
  switch (req.operator) {
    case 'In':
      return present && (req.values ?? []).includes(labels[req.key]!);
    case 'NotIn':
      return !present || !(req.values ?? []).includes(labels[req.key]!);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
  }
}

export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!has(labels, key) || labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => matchesRequirement(req, labels));
}

/**
 * `matchesSelector(selector, ·)` as a predicate built once, for matching one selector against many
 * label sets (the engine's compile step): the same rule 16, without re-reading the selector per call.
 */
export function selectorPredicate(selector: LabelSelector): (labels: Labels) => boolean {
  const pairs = Object.entries(selector.matchLabels ?? {});
  const requirements = (selector.matchExpressions ?? []).map((req) => ({
    key: req.key,
    operator: req.operator,
    values: new Set(req.values ?? []),
  }));
  return (labels) => {
    for (const [key, value] of pairs) if (!has(labels, key) || labels[key] !== value) return false;
    for (const req of requirements) {
      const present = has(labels, req.key);
      switch (req.operator) {
        case 'In':
          if (!present || !req.values.has(labels[req.key]!)) return false;
          break;
        case 'NotIn':
          if (present && req.values.has(labels[req.key]!)) return false;
          break;
        case 'Exists':
          if (!present) return false;
          break;
        case 'DoesNotExist':
          if (present) return false;
          break;
      }
    }
    return true;
  };
}

/** True for `{}` (and `{matchLabels: {}, matchExpressions: []}`): selects every object. */
export function selectsEverything(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
