/**
 * Manifests rendering benchmark: the policies of `npm run bench` scenario e) (1,000 components, 5,000
 * flows) rendered by toYaml (the structural emitter, src/engine/policy-yaml.ts) and by the `yaml`
 * library as before (toYamlByLibrary), alternating in one process; the two texts must be equal.
 * Run: npm run bench:manifests [-- --runs N]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateNetworkPolicies, type Topology, toYaml, toYamlByLibrary } from '../engine';

/** bench/run.mjs's syntheticTopology(name, 1000, 5), as the engine sees it. */
function benchTopology(n: number): Topology {
  const steps = [1, 2, 3, 5, 8];
  return {
    name: 'publish',
    components: Array.from({ length: n }, (_, i) => ({
      name: `c${i}`,
      namespace: 'bench',
      labels: { app: `c${i}` },
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' as const }],
    })),
    externals: [],
    flows: Array.from({ length: n }, (_, i) =>
      steps.map((step) => ({
        from: { component: `c${i}` },
        to: { component: `c${(i + step) % n}` },
        ports: [{ port: 'http', protocol: 'TCP' as const }],
      })),
    ).flat(),
  };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(args: readonly string[]): void {
  const at = args.indexOf('--runs');
  const runs = at >= 0 ? Number(args[at + 1]) : 9;
  const policies = generateNetworkPolicies(benchTopology(1000));
  const times = { library: [] as number[], emitter: [] as number[] };
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const before = toYamlByLibrary(policies);
    const t1 = performance.now();
    const after = toYaml(policies);
    const t2 = performance.now();
    if (after !== before) throw new Error('toYaml differs from the yaml library');
    times.library.push(t1 - t0);
    times.emitter.push(t2 - t1);
  }
  const [library, emitter] = [median(times.library), median(times.emitter)];
  const bytes = Buffer.byteLength(toYaml(policies));
  console.log(
    `${new Date().toISOString()} load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`${policies.length} policies, ${(bytes / 1024).toFixed(0)} KiB of YAML, median of ${runs} runs:`);
  console.log(`  yaml library (before) ${library.toFixed(1)} ms`);
  console.log(`  emitter (toYaml)      ${emitter.toFixed(1)} ms  (${(library / emitter).toFixed(1)}x faster)`);
}

main(process.argv.slice(2));
