import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type AppConfig, loadConfig } from './config';

/** Injection token of the validated AppConfig: `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Provides AppConfig to every module. `forRoot()` reads process.env once at boot (a bad value stops
 * the process with a ConfigError naming the variable); `forRoot(config)` takes one already loaded,
 * as main.ts and tests do. The decorator declares no provider: Nest would merge it with forRoot's.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [
        config === undefined
          ? { provide: APP_CONFIG, useFactory: (): AppConfig => loadConfig(process.env) }
          : { provide: APP_CONFIG, useValue: config },
      ],
      exports: [APP_CONFIG],
    };
  }
}
