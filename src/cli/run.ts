/**
 * The `flowpolicy` command line over the engine: `run(argv, io)` parses arguments, reads files and
 * writes to `io`; it returns the exit code instead of exiting, so specs drive it in-process.
 * Exit codes: 0 ok; 1 lint found an error (or, under --strict, a warning); 2 bad usage or input,
 * with a message naming the file.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import {
  ENFORCEMENT_MODES,
  EngineInputError,
  LINT_CODES,
  POD_IPS_MODES,
  TopologyError,
  compileSnapshot,
  connectivity,
  connectivityTable,
  evaluate,
  generateNetworkPolicies,
  lint,
  loadSnapshot,
  optionWarnings,
  parseTopologyDocument,
  toListJson,
  toYaml,
  type AnalysisOptions,
  type CompiledSnapshot,
  type Connection,
  type Finding,
  type Isolation,
  type Protocol,
  OUTPUT_FORMATS,
  formatDot,
  writeConnectivity,
  type OutputFormat,
} from '../engine';
import { CliInputError, readManifestFiles, readTextFile } from './read-inputs';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const USAGE = `Usage: flowpolicy <command> [options]

Commands:
  analyze <file|dir>... [--output txt|json|md|dot] [--explain]
                        [--pod-ips ignore|match] [--enforcement standard|none]
      Every allowed connection between the workloads of Kubernetes manifests and external IP
      ranges, IPv4 and IPv6 (netpol-analyzer connlist). --explain adds the policy rules that
      allow each one. --pod-ips match lets an ipBlock match pods by their status.podIP(s)
      (default ignore: ipBlocks match external addresses only). --enforcement none answers for a
      network plugin that does not enforce NetworkPolicy (Flannel alone): everything is allowed.
  lint <file|dir>... [--strict] [--output txt|json]
      Findings about manifests, or about a topology document given as the only file.
      Exit code 1 when there is an error (an invalid topology is one); --strict also fails on
      warnings; info findings never fail.
  generate <topology.yaml|json> [--isolation both|ingress] [--no-dns-egress] [--output yaml|json]
      NetworkPolicies for a topology document; the application name defaults to the file name.

Options:
  -h, --help     show this help
  -v, --version  print the version

Exit codes: 0 ok, 1 lint failed (errors; warnings too under --strict), 2 bad usage or input.
`;

class UsageError extends Error {}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === '-v' || command === '--version' || command === 'version') {
      io.stdout(`flowpolicy ${version()}\n`);
      return 0;
    }
    switch (command) {
      case 'analyze':
        return analyzeCommand(rest, io);
      case 'lint':
        return lintCommand(rest, io);
      case 'generate':
        return generateCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`flowpolicy: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof EngineInputError || e instanceof CliInputError) {
      io.stderr(`flowpolicy: ${e.message}\n`);
      return 2;
    }
    if (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`flowpolicy: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

function parse_(
  args: readonly string[],
  options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>,
) {
  const parsed = parseArgs({
    args: [...args],
    options: { help: { type: 'boolean', short: 'h' }, ...options },
    allowPositionals: true,
  });
  return parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** The package's version, from the package.json two folders up (src/cli or dist/cli). */
function version(): string {
  return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

function analyzeCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse_(args, {
    output: { type: 'string', short: 'o' },
    explain: { type: 'boolean' },
    'pod-ips': { type: 'string' },
    enforcement: { type: 'string' },
  });
  if (values.help) return help(io);
  if (positionals.length === 0) throw new UsageError('analyze needs at least one file or folder');
  const format = oneOf<OutputFormat>(values.output, OUTPUT_FORMATS, '--output', 'txt');
  const options: AnalysisOptions = {
    podIps: oneOf(values['pod-ips'], POD_IPS_MODES, '--pod-ips', 'ignore'),
    enforcement: oneOf(values.enforcement, ENFORCEMENT_MODES, '--enforcement', 'standard'),
  };
  const files = readManifestFiles(positionals);
  if (files.length === 0) {
    throw new CliInputError(`${positionals.join(', ')}: no manifests found (no .yaml, .yml or .json file)`);
  }
  const loaded = loadSnapshot(files);
  if (loaded.workloads.length === 0 && loaded.policies.length === 0) {
    // Blank files, or only kinds that are skipped (Services, ConfigMaps): nothing to analyse, and an
    // empty connlist with exit 0 would read as "no connection" in CI. netpol-analyzer fails alike.
    warn(io, loaded.warnings);
    throw new CliInputError(
      `${positionals.join(', ')}: no manifests found (no Pod, workload controller or NetworkPolicy)`,
    );
  }
  const snapshot = compileSnapshot(loaded, options);
  const explain = values.explain ? (c: Connection) => explainConnection(snapshot, c) : undefined;
  // Streamed: a dense cluster has millions of connections, too many to hold as objects and text at once.
  if (format === 'dot') io.stdout(formatDot(connectivity(snapshot)));
  else {
    // json carries the option warnings (the answers' premise, e.g. nothing enforced) in the document.
    const carried = format === 'json' ? optionWarnings(options) : [];
    writeConnectivity(connectivityTable(snapshot), format, (text) => io.stdout(text), explain, carried);
  }
  warn(io, [...loaded.warnings, ...optionWarnings(options)]);
  return 0;
}

function warn(io: CliIo, warnings: readonly string[]): void {
  for (const w of warnings) io.stderr(`flowpolicy: warning: ${w}\n`);
}

/** An endpoint for a report peer: a workload id, or the first address of an IP range `a-b`. */
function endpoint(peer: string) {
  return peer.includes('/') ? { workload: peer } : { ip: peer.split('-')[0]! };
}

/** One witness (protocol, port) per protocol group, and what allows it on each side. */
function explainConnection(snapshot: CompiledSnapshot, c: Connection): string[] {
  const witnesses: [Protocol, number][] =
    c.conns === 'All Connections'
      ? [['TCP', 1]]
      : c.conns.map((g) => [g.protocol, g.ports[0]![0]] as [Protocol, number]);
  return witnesses.flatMap(([protocol, port]) => {
    const v = evaluate(snapshot, { from: endpoint(c.src), to: endpoint(c.dst), protocol, port });
    // The deciding tier of each side (admin, networkpolicy, baseline, default), then why.
    return [
      `${protocol} ${port} egress (${v.egress.decision.tier}): ${v.egress.reason}`,
      `${protocol} ${port} ingress (${v.ingress.decision.tier}): ${v.ingress.reason}`,
    ];
  });
}

function lintCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse_(args, { strict: { type: 'boolean' }, output: { type: 'string', short: 'o' } });
  if (values.help) return help(io);
  if (positionals.length === 0) throw new UsageError('lint needs at least one file or folder');
  const format = oneOf(values.output, ['txt', 'json'] as const, '--output', 'txt');
  const files = readManifestFiles(positionals);
  if (files.length === 0) {
    throw new CliInputError(`${positionals.join(', ')}: no manifests found (no .yaml, .yml or .json file)`);
  }
  const only = files.length === 1 ? files[0]! : undefined;
  let findings: Finding[];
  if (only && isTopologyDocument(only.content)) {
    findings = lintTopologyDocument(only.name, only.content);
  } else {
    const snapshot = loadSnapshot(files);
    warn(io, snapshot.warnings);
    findings = lint({ snapshot });
  }
  if (format === 'json') io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  else for (const f of findings) io.stdout(`${f.severity}: ${f.object}: ${f.message} [${f.code}]\n`);
  return lintFails(findings, values.strict === true) ? 1 : 0;
}

/** Errors always fail; warnings only under --strict; info never. */
export function lintFails(findings: readonly Finding[], strict: boolean): boolean {
  return findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning'));
}

/** An invalid topology is a finding (an error), so CI sees exit 1 with every problem listed. */
function lintTopologyDocument(path: string, content: string): Finding[] {
  try {
    return lint({ topology: parseTopologyDocumentLenient(path, content) });
  } catch (e) {
    if (!(e instanceof TopologyError)) throw e;
    return e.issues.map((issue) => ({
      code: LINT_CODES.topologyInvalid,
      severity: 'error',
      object: issue.field,
      message: issue.message,
    }));
  }
}

/** A topology document is a mapping with `components` and no Kubernetes `kind`. */
function isTopologyDocument(content: string): boolean {
  try {
    const value = parse(content) as unknown;
    return typeof value === 'object' && value !== null && 'components' in value && !('kind' in value);
  } catch {
    return false;
  }
}

/**
 * Lint reports what validation rejects (a named port the destination lacks) as findings, so a
 * topology is parsed for lint without the cross-reference pass; syntax errors still stop it.
 */
function parseTopologyDocumentLenient(path: string, content: string) {
  return parseTopologyDocument(content, applicationNameFromFile(path), path, { crossReferences: false });
}

/** The file's base name without extension, made a DNS-1123 label. */
export function applicationNameFromFile(path: string): string {
  const base = basename(path, extname(path))
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return base || 'application';
}

function generateCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse_(args, {
    isolation: { type: 'string' },
    'no-dns-egress': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  });
  if (values.help) return help(io);
  if (positionals.length !== 1) throw new UsageError('generate needs exactly one topology file');
  const path = positionals[0]!;
  const isolation =
    values.isolation === undefined
      ? undefined
      : oneOf<Isolation>(values.isolation, ['both', 'ingress'], '--isolation', 'both');
  const format = oneOf(values.output, ['yaml', 'json'] as const, '--output', 'yaml');
  const topology = parseTopologyDocument(readTextFile(path), applicationNameFromFile(path), path);
  const policies = generateNetworkPolicies(topology, {
    ...(isolation ? { isolation } : {}),
    ...(values['no-dns-egress'] ? { dnsEgress: false } : {}),
  });
  io.stdout(format === 'json' ? toListJson(policies) : toYaml(policies));
  return 0;
}

function help(io: CliIo): number {
  io.stdout(USAGE);
  return 0;
}
