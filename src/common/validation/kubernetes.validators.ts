/**
 * class-validator decorators for Kubernetes syntax. The rules themselves live in the engine
 * (src/engine/k8s-syntax.ts) so the API, the CLI and generation agree on them.
 */
import { Transform, Type } from 'class-transformer';
import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import {
  cidrContains,
  cidrError,
  dns1123LabelError,
  endPortError,
  exactlyOneOfError,
  labelKeyError,
  labelValueError,
  portNameError,
  portNumberError,
} from '../../engine';

type Check = (value: unknown, args: ValidationArguments) => string | null;

function decorator(name: string, check: Check, options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    let reason = 'is not valid';
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const error = check(value, args);
          if (error !== null) reason = error;
          return error === null;
        },
        defaultMessage: () => reason,
      },
    });
  };
}

const stringCheck =
  (rule: (value: string) => string | null): Check =>
  (value) =>
    typeof value === 'string' ? rule(value) : 'must be a string';

export const IsDns1123Label = (options?: ValidationOptions) =>
  decorator('isDns1123Label', stringCheck(dns1123LabelError), options);

export const IsCidr = (options?: ValidationOptions) => decorator('isCidr', stringCheck(cidrError), options);

export const IsPortName = (options?: ValidationOptions) => decorator('isPortName', stringCheck(portNameError), options);

export const IsPortNumber = (options?: ValidationOptions) =>
  decorator(
    'isPortNumber',
    (value) => (typeof value === 'number' ? portNumberError(value) : 'must be a number'),
    options,
  );

/** A port number 1-65535 or a port name (IntOrString in Kubernetes). */
export const IsPortOrName = (options?: ValidationOptions) =>
  decorator(
    'isPortOrName',
    (value) => {
      if (typeof value === 'number') return portNumberError(value);
      if (typeof value === 'string') {
        return /^\d+$/.test(value) ? 'must be a number, not a string of digits' : portNameError(value);
      }
      return 'must be a port number from 1 to 65535 or a port name';
    },
    options,
  );

/** A map of label keys to values, with Kubernetes label syntax for both. */
/**
 * A label map (labels, matchLabels). The map reaches the DTO exactly as sent: class-transformer drops
 * a `constructor` key from the plain objects it copies, and `constructor` is a valid label key.
 */
export const IsLabelMap =
  (options?: ValidationOptions & { nonEmpty?: boolean }) =>
  (target: object, property: string): void => {
    // Copied as a plain Object (class-transformer would otherwise take a `constructor` member for the
    // map's class), then replaced by the map as sent.
    Type(() => Object)(target, property);
    Transform(({ obj, key }) => (obj as Record<string, unknown>)[key], { toClassOnly: true })(target, property);
    labelMapRule(options)(target, property);
  };

/** Label maps (selectors, a component's labels) have at most this many entries. */
export const MAX_LABELS = 64;

const labelMapRule = (options?: ValidationOptions & { nonEmpty?: boolean }) =>
  decorator(
    'isLabelMap',
    (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return 'must be an object mapping label keys to string values';
      }
      const entries = Object.entries(value);
      if (options?.nonEmpty && entries.length === 0) {
        return 'must have at least one label; an empty selector would select every pod in the namespace';
      }
      if (entries.length > MAX_LABELS) return `must have at most ${MAX_LABELS} labels`;
      for (const [key, labelValue] of entries) {
        const keyError = labelKeyError(key);
        if (keyError) return `key "${key}": ${keyError}`;
        if (typeof labelValue !== 'string') return `value of "${key}" must be a string`;
        const valueError = labelValueError(labelValue);
        if (valueError) return `value of "${key}": ${valueError}`;
      }
      return null;
    },
    options,
  );

/** endPort: needs a numeric `port` and is at least `port` (Kubernetes rule 11). */
export const IsEndPort = (options?: ValidationOptions) =>
  decorator('isEndPort', (value, args) => endPortError(value, (args.object as { port?: unknown }).port), options);

/** Exactly one of the named properties is set on the object (a tagged union such as a flow peer). */
export const HasExactlyOneOf = (keys: readonly string[], options?: ValidationOptions) =>
  decorator('hasExactlyOneOf', (value) => exactlyOneOfError(value, keys), options);

/** At least one of the named properties is set on the object. */
export const HasOneOrMoreOf = (keys: readonly string[], options?: ValidationOptions) =>
  decorator(
    'hasOneOrMoreOf',
    (value) => {
      if (typeof value !== 'object' || value === null)
        return `must be an object with at least one of: ${keys.join(', ')}`;
      return keys.some((k) => (value as Record<string, unknown>)[k] !== undefined)
        ? null
        : `must have at least one of: ${keys.join(', ')}`;
    },
    options,
  );

/** Every item's `key` property differs (names in a list). */
export const HasUniqueKey = (key: string, options?: ValidationOptions) =>
  decorator(
    'hasUniqueKey',
    (value) => {
      if (!Array.isArray(value)) return null;
      const seen = new Set<unknown>();
      for (const item of value as Record<string, unknown>[]) {
        const k = item?.[key];
        if (k === undefined) continue;
        if (seen.has(k)) return `has more than one item with ${key} "${String(k)}"`;
        seen.add(k);
      }
      return null;
    },
    options,
  );

export const IsLabelKey = (options?: ValidationOptions) => decorator('isLabelKey', stringCheck(labelKeyError), options);

/** values of a label selector requirement: required for In/NotIn, forbidden for Exists/DoesNotExist. */
export const IsRequirementValues = (options?: ValidationOptions) =>
  decorator(
    'isRequirementValues',
    (value, args) => {
      const operator = (args.object as { operator?: unknown }).operator;
      const needsValues = operator === 'In' || operator === 'NotIn';
      if (value === undefined || value === null) return needsValues ? `are required for operator ${operator}` : null;
      if (!Array.isArray(value)) return 'must be an array of strings';
      if (!needsValues) return `must be empty for operator ${String(operator)}`;
      if (value.length === 0) return `must not be empty for operator ${operator}`;
      if (value.length > 100) return 'must have at most 100 values';
      for (const item of value) {
        if (typeof item !== 'string') return 'must be an array of strings';
        const error = labelValueError(item);
        if (error) return `"${item}": ${error}`;
      }
      return null;
    },
    options,
  );

/** Each `except` range lies inside the object's `cidr` (Kubernetes rule 14). */
export const IsExceptInsideCidr = (options?: ValidationOptions) =>
  decorator(
    'isExceptInsideCidr',
    (value, args) => {
      const cidr = (args.object as { cidr?: unknown }).cidr;
      if (!Array.isArray(value) || typeof cidr !== 'string' || cidrError(cidr) !== null) return null;
      for (const range of value) {
        if (typeof range === 'string' && cidrError(range) === null && !cidrContains(cidr, range)) {
          return `range ${range} is not inside cidr ${cidr}`;
        }
      }
      return null;
    },
    options,
  );
