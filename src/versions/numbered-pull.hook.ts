import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessRuleOf, authorize } from '../common/access/authorize';
import type { AccessRule } from '../common/access/requires-role.decorator';
import { VERSION_NUMBER } from '../common/validation/version-ref';
import { dns1123LabelError, listJsonOf } from '../engine';
import { IMMUTABLE, sendManifests, type ManifestsBody } from './manifests.http';
import { VersionsController } from './versions.controller';
import { VersionsService } from './versions.service';

/** VersionsController.manifests' route, as Fastify names it. */
export const MANIFESTS_ROUTE = '/v1/applications/:app/versions/:v/manifests';

/**
 * The pull of a numbered version's manifests (a CI pipeline's most frequent request, mostly a 304),
 * answered in a preHandler hook of its route, before Nest's pipeline, which cost most of such a
 * request's time. Everything that protects the route has run by then, as Fastify hooks: the token
 * (authentication.hook.ts), the rate limit, and afterwards the headers, metrics and request log; the
 * handler's own @RequiresRole is checked here by the guard's `authorize`. The answer is the handler's:
 * VersionsService's version (its caches) through sendManifests.
 *
 * Only a request whose path parameters the handler's DTO accepts unchanged, by a caller `authorize`
 * lets through, for a version that exists, is answered here; for any other (a refusal, a missing
 * version, `latest`, an invalid name) the hook does nothing and Nest answers as it always has.
 */
@Injectable()
export class NumberedPulls {
  private readonly rule: AccessRule | undefined;

  constructor(
    private readonly versions: VersionsService,
    reflector: Reflector,
  ) {
    this.rule = accessRuleOf(reflector, VersionsController.prototype.manifests, VersionsController);
  }

  /** Adds the hook to the route as Nest declares it (so no other route pays for it): before app.init(). */
  install(fastify: FastifyInstance): void {
    const answer = async (request: FastifyRequest, reply: FastifyReply) => {
      const body = await this.pulled(request);
      if (body === undefined) return;
      return reply.send(sendManifests(reply, request.headers, body, IMMUTABLE));
    };
    fastify.addHook('onRoute', (route) => {
      if (route.url !== MANIFESTS_ROUTE || !([] as string[]).concat(route.method).includes('GET')) return;
      route.preHandler = [...([] as unknown[]).concat(route.preHandler ?? []), answer] as typeof route.preHandler;
    });
  }

  /** The version to answer with, or undefined when Nest is to answer (see the class comment). */
  private async pulled(request: FastifyRequest): Promise<ManifestsBody | undefined> {
    const { principal } = request;
    const { app, v } = request.params as { app?: unknown; v?: unknown };
    // VersionParams' rules: a DNS-1123 label and a version number in plain digits.
    if (principal === undefined || typeof app !== 'string' || typeof v !== 'string') return undefined;
    if (dns1123LabelError(app) !== null || !VERSION_NUMBER.test(v)) return undefined;
    try {
      authorize(principal, this.rule, app);
      const version = await this.versions.get({ app, version: Number(v) });
      return { digest: version.digest, manifests: version.manifests, listJson: () => listJsonOf(version) };
    } catch {
      // The guard or the handler refuses it again, with the error as always.
      return undefined;
    }
  }
}
