/** The engine's one public entry. Nothing outside src/engine imports its files directly. */
export * from './topology';
export * from './model';
export * from './k8s-syntax';
export * from './validate-topology';
// Analysis: load manifests, compile, evaluate one query, list all connections.
export * from './errors';
export { loadSnapshot, type ManifestFile } from './loader';
export { matchesSelector, matchesRequirement, selectsEverything } from './selectors';
export { compileSnapshot, type CompiledSnapshot } from './compile';
export { evaluate } from './evaluate';
export { connectivity, externalPeers, type ExternalPeers } from './connectivity';
export { PortSet } from './port-set';
