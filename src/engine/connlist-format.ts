/**
 * Renderings of a connectivity report: txt is netpol-analyzer's connlist (`SRC => DST : CONNS`,
 * IP ranges suffixed `[External]`, lines in byte order); json is the conformance format of
 * ../shared/conformance/README.md; md a table; dot a Graphviz digraph.
 */
import { connlistLabel as peerLabel, type ConnectivityTable, type ExternalPeers } from './connectivity';
import type { Conns, Connection, ConnectivityReport } from './model';

export const OUTPUT_FORMATS = ['txt', 'json', 'md', 'dot'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** `All Connections`, or groups like `TCP 10053-10054,UDP 10053`. */
export function connsText(conns: Conns): string {
  if (conns === 'All Connections') return conns;
  return [...conns]
    .sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0))
    .map((g) => `${g.protocol} ${g.ports.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`)
    .join(',');
}

export function connectionLine(c: Connection): string {
  return `${peerLabel(c.src)} => ${peerLabel(c.dst)} : ${connsText(c.conns)}`;
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Connections in the order of their txt lines (byte order), as the conformance files list them. */
export function sortedConnections(report: ConnectivityReport): Connection[] {
  return [...report.connections].sort((a, b) => byteOrder(connectionLine(a), connectionLine(b)));
}

export function formatTxt(report: ConnectivityReport, explain?: (c: Connection) => string[]): string {
  return sortedConnections(report)
    .map((c) => [connectionLine(c), ...(explain?.(c) ?? []).map((l) => `    ${l}`)].join('\n') + '\n')
    .join('');
}

export function formatJson(
  report: ConnectivityReport,
  externals: ExternalPeers,
  explain?: (c: Connection) => string[],
): string {
  const connections = sortedConnections(report).map((c) => (explain ? { ...c, explanation: explain(c) } : c));
  return `${JSON.stringify({ workloads: [...report.workloads].sort(byteOrder), externalPeers: externals, connections }, null, 2)}\n`;
}

export function formatMd(report: ConnectivityReport, explain?: (c: Connection) => string[]): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const header = explain
    ? '| src | dst | conns | allowed by |\n|---|---|---|---|\n'
    : '| src | dst | conns |\n|---|---|---|\n';
  return (
    header +
    sortedConnections(report)
      .map((c) => {
        const cells = [
          peerLabel(c.src),
          peerLabel(c.dst),
          connsText(c.conns),
          ...(explain ? [explain(c).join('<br>')] : []),
        ];
        return `| ${cells.map(escape).join(' | ')} |\n`;
      })
      .join('')
  );
}

export function formatDot(report: ConnectivityReport): string {
  const quote = (s: string) => JSON.stringify(s);
  const connections = sortedConnections(report);
  const nodes = new Set<string>(report.workloads);
  for (const c of connections) nodes.add(c.src).add(c.dst);
  const lines = ['digraph connectivity {', '  rankdir=LR;'];
  for (const n of [...nodes].sort(byteOrder)) {
    lines.push(`  ${quote(peerLabel(n))} [shape=${n.includes('/') ? 'box' : 'ellipse'}];`);
  }
  for (const c of connections) {
    lines.push(`  ${quote(peerLabel(c.src))} -> ${quote(peerLabel(c.dst))} [label=${quote(connsText(c.conns))}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * The txt, json or md rendering of a connectivity table, written in chunks of about 64 KiB as the
 * table is walked: the same text as formatTxt/formatJson/formatMd on the expanded report, without
 * holding every connection (or the whole text) in memory at once. json carries `warnings` (after
 * the connections) when there are some, e.g. that no policy is enforced; the other formats leave
 * them to the caller (stderr).
 */
export function writeConnectivity(
  table: ConnectivityTable,
  format: Exclude<OutputFormat, 'dot'>,
  write: (text: string) => void,
  explain?: (c: Connection) => string[],
  warnings: readonly string[] = [],
): void {
  let chunk = '';
  const put = (text: string) => {
    chunk += text;
    if (chunk.length >= 1 << 16) {
      write(chunk);
      chunk = '';
    }
  };
  const memo = <K, V>(f: (k: K) => V) => {
    const cache = new Map<K, V>();
    return (k: K) => {
      let v = cache.get(k);
      if (v === undefined) cache.set(k, (v = f(k)));
      return v;
    };
  };
  const label = memo(peerLabel);
  // Conns objects are shared between the connections that have the same ports, so caching their
  // rendering by identity makes a line cost a few concatenations.
  const conns = memo(connsText);
  if (format === 'txt') {
    table.forEach((src, dst, c) => {
      put(`${label(src)} => ${label(dst)} : ${conns(c)}\n`);
      if (explain) for (const l of explain({ src, dst, conns: c })) put(`    ${l}\n`);
    });
  } else if (format === 'md') {
    const escape = (s: string) => s.replace(/\|/g, '\\|');
    put(explain ? '| src | dst | conns | allowed by |\n|---|---|---|---|\n' : '| src | dst | conns |\n|---|---|---|\n');
    const cell = memo((s: string) => escape(s));
    table.forEach((src, dst, c) => {
      const extra = explain ? ` | ${escape(explain({ src, dst, conns: c }).join('<br>'))}` : '';
      put(`| ${cell(label(src))} | ${cell(label(dst))} | ${cell(conns(c))}${extra} |\n`);
    });
  } else {
    const head = JSON.stringify(
      { workloads: [...table.workloads].sort(byteOrder), externalPeers: table.externalPeers, connections: [] },
      null,
      2,
    );
    const indent = (text: string, spaces: string) => text.replace(/\n/g, `\n${spaces}`);
    const quoted = memo((s: string) => JSON.stringify(s));
    const connsJson = memo((c: Conns) => indent(JSON.stringify(c, null, 2), '      '));
    let first = true;
    put(head.slice(0, -'[]\n}'.length));
    table.forEach((src, dst, c) => {
      put(first ? '[\n' : ',\n');
      first = false;
      if (explain) {
        put(
          `    ${indent(JSON.stringify({ src, dst, conns: c, explanation: explain({ src, dst, conns: c }) }, null, 2), '    ')}`,
        );
      } else {
        put(`    {\n      "src": ${quoted(src)},\n      "dst": ${quoted(dst)},\n      "conns": ${connsJson(c)}\n    }`);
      }
    });
    put(first ? '[]' : '\n  ]');
    if (warnings.length > 0) put(`,\n  "warnings": ${indent(JSON.stringify(warnings, null, 2), '  ')}`);
    put('\n}\n');
  }
  if (chunk !== '') write(chunk);
}
