import { spawnSync } from 'node:child_process';

/**
 * Schema problems of each object, from kubernetes-models' JSON-schema validation ("Kind name: reason").
 * Runs in a child process: the package ships ES modules only, which Jest's CommonJS runtime cannot load.
 */
export function schemaProblems(objects: readonly object[]): string[] {
  const script = `
    import { Deployment } from 'kubernetes-models/apps/v1';
    import { Namespace, Service } from 'kubernetes-models/v1';
    import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
    import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
    const models = {
      'v1/Namespace': Namespace, 'v1/Service': Service, 'apps/v1/Deployment': Deployment,
      'policy/v1/PodDisruptionBudget': PodDisruptionBudget, 'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
    };
    const problems = [];
    for (const o of JSON.parse(process.argv[1])) {
      const Model = models[o.apiVersion + '/' + o.kind];
      const name = o.kind + ' ' + o.metadata?.name;
      if (!Model) { problems.push(name + ': no schema for ' + o.apiVersion); continue; }
      try { new Model(o).validate(); } catch (e) { problems.push(name + ': ' + e.message); }
    }
    console.log(JSON.stringify(problems));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(objects)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as string[];
}
