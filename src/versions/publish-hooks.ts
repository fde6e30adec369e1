import { Injectable } from '@nestjs/common';

/**
 * A point in the publish pipeline where a test can make a race happen by construction: it runs
 * after the draft was generated from the topology read and before the commit transaction opens.
 * Nothing in the service sets it; an e2e spec does, through the running application
 * (`app.get(PublishHooks)`), to change the topology in between.
 */
@Injectable()
export class PublishHooks {
  beforeCommit: (app: string) => Promise<void> = () => Promise.resolve();
}
