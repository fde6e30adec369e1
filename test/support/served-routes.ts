/**
 * The routes a Fastify instance serves, read from `printRoutes({ commonPrefix: false })`. NestJS
 * registers its routes inside `app.init()`, before a test can add an `onRoute` hook, so the printed
 * radix tree is the one public listing available after boot. Each line is one node: its depth is
 * the indentation (4 columns a level), its path the parent's path plus its own label, and the
 * methods, in parentheses, are those that end there.
 */
export interface ServedRoute {
  readonly method: string;
  /** OpenAPI style: `/v1/applications/{app}` for Fastify's `/v1/applications/:app`. */
  readonly path: string;
}

const NODE = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/;

export function parsePrintedRoutes(printed: string): ServedRoute[] {
  const prefixes: string[] = [];
  const routes: ServedRoute[] = [];
  for (const line of printed.split('\n')) {
    const node = NODE.exec(line);
    if (!node) continue;
    const depth = node[1].length / 4;
    const path = (depth > 0 ? prefixes[depth - 1] : '') + node[2];
    prefixes.length = depth;
    prefixes[depth] = path;
    for (const method of (node[3] ?? '').split(',').map((m) => m.trim())) {
      if (/^[A-Z]+$/.test(method)) routes.push({ method, path: path.replace(/:([A-Za-z0-9_]+)/g, '{$1}') });
    }
  }
  return routes;
}

export function servedRoutes(fastify: { printRoutes(options: { commonPrefix: false }): string }): ServedRoute[] {
  return parsePrintedRoutes(fastify.printRoutes({ commonPrefix: false }));
}
