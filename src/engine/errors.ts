/** Input the engine cannot make sense of: a malformed manifest, an invalid policy, an unknown workload. */
export class EngineInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineInputError';
  }
}
