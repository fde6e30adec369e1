/** Sizes a topology document may have: the DTOs' ArrayMaxSize and MaxLength, and the quick check's. */
export const LIMITS = {
  components: 5000,
  externals: 1000,
  flows: 20000,
  portsPerComponent: 100,
  portsPerFlow: 100,
  exceptPerExternal: 100,
  expressionsPerSelector: 20,
  description: 1000,
} as const;
