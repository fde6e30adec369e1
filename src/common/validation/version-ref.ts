import { ValidateBy } from 'class-validator';

/** A version number as a path writes it: a positive integer in plain digits, at most 9 of them. */
export const VERSION_NUMBER = /^[1-9][0-9]{0,8}$/;

/**
 * A version in a path: `latest` stays a word; a positive integer in plain digits becomes a number
 * (`007`, `1e3`, `0` stay strings and fail IsVersionRef).
 */
export const toVersionRef = ({ value }: { value: unknown }) =>
  typeof value === 'string' && VERSION_NUMBER.test(value) ? Number(value) : value;

/** A version in a path: a positive integer or `latest`. */
export const IsVersionRef = () =>
  ValidateBy({
    name: 'isVersionRef',
    validator: {
      validate: (value: unknown) =>
        value === 'latest' || (typeof value === 'number' && Number.isInteger(value) && value >= 1),
      defaultMessage: () => 'must be a positive integer or "latest"',
    },
  });
