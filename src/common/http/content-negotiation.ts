export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'] as const;

/** Whether the Accept header asks for YAML ahead of JSON. JSON is the default. */
export function prefersYaml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranked = accept
    .split(',')
    .map((part, index) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const first = ranked.find(
    (entry) => (YAML_MEDIA_TYPES as readonly string[]).includes(entry.type) || entry.type === 'application/json',
  );
  return first !== undefined && first.type !== 'application/json';
}
