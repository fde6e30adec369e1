/** The engine's one public entry. Nothing outside src/engine imports its files directly. */
export * from './topology';
export * from './model';
export * from './k8s-syntax';
export * from './validate-topology';
