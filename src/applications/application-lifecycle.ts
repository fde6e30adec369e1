import { Injectable } from '@nestjs/common';

/**
 * Tells other modules' caches the moment this replica deletes an application, so none of its answers
 * come from memory of it afterwards (other replicas forget it within CACHE_TTL_MS). Listeners run
 * after the delete has committed and must not throw.
 */
@Injectable()
export class ApplicationLifecycle {
  private readonly listeners: ((name: string) => void)[] = [];

  onDeleted(listener: (name: string) => void): void {
    this.listeners.push(listener);
  }

  deleted(name: string): void {
    for (const listener of this.listeners) listener(name);
  }
}
