import { matchesSelector, selectsEverything } from './selectors';

describe('matchesSelector (rule 16)', () => {
  const pod = { app: 'web', tier: 'fe' };

  it('matches everything with an empty selector', () => {
    expect(matchesSelector({}, pod)).toBe(true);
    expect(matchesSelector({}, {})).toBe(true);
    expect(selectsEverything({})).toBe(true);
    expect(selectsEverything({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(selectsEverything({ matchLabels: { a: 'b' } })).toBe(false);
  });

  it('ANDs matchLabels and matchExpressions', () => {
    expect(
      matchesSelector(
        { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] },
        pod,
      ),
    ).toBe(true);
    expect(
      matchesSelector(
        { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['be'] }] },
        pod,
      ),
    ).toBe(false);
    expect(matchesSelector({ matchLabels: { app: 'web', tier: 'be' } }, pod)).toBe(false);
  });

  it('NotIn and DoesNotExist match objects that lack the key; In and Exists do not', () => {
    expect(matchesSelector({ matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] }, pod)).toBe(
      true,
    );
    expect(matchesSelector({ matchExpressions: [{ key: 'track', operator: 'DoesNotExist' }] }, pod)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'track', operator: 'In', values: ['canary'] }] }, pod)).toBe(
      false,
    );
    expect(matchesSelector({ matchExpressions: [{ key: 'track', operator: 'Exists' }] }, pod)).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, pod)).toBe(
      false,
    );
  });

  it('does not treat inherited object properties as labels', () => {
    expect(matchesSelector({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, {})).toBe(false);
  });
});
