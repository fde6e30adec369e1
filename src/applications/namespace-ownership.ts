import { Inject, Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { type AppConfig, reservedNamespaces } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { Tx } from '../database/tx';
import type { Application, OwnedNamespace } from './application.model';
import { NamespaceGrantsRepository } from './namespace-grants.repository';

/** What an admin asks for: the namespace, and the two things that must be said out loud. */
export interface NamespaceGrantRequest {
  readonly namespace: string;
  /** Other applications may own it too (and those that do become shared owners). */
  readonly shared?: boolean;
  /** It is reserved (kube-system, the service's own...) and the admin means it. */
  readonly reserved?: boolean;
}

/** Where each part of the request came from, to name it in an error (`ownedNamespaces[1].shared`). */
export interface GrantFields {
  readonly namespace: string;
  readonly shared: string;
  readonly reserved: string;
}

export interface GrantResult {
  readonly grant: OwnedNamespace;
  readonly created: boolean;
  /** Applications whose exclusive grant this grant made shared. */
  readonly nowSharedWith: readonly string[];
}

/**
 * The rules of namespace ownership, inside the caller's transaction (the application's row is
 * already locked): two applications own one namespace only when an admin says `shared`, a reserved
 * namespace only when an admin says `reserved`, and every component lives in an owned namespace.
 */
@Injectable()
export class NamespaceOwnership {
  private readonly reserved: ReadonlySet<string>;

  constructor(
    private readonly grants: NamespaceGrantsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.reserved = new Set(reservedNamespaces(config));
  }

  isReserved(namespace: string): boolean {
    return this.reserved.has(namespace);
  }

  async grant(
    application: Application,
    request: NamespaceGrantRequest,
    fields: GrantFields,
    tx: Tx,
  ): Promise<GrantResult> {
    const { namespace } = request;
    const shared = request.shared ?? false;
    if (this.isReserved(namespace) && request.reserved !== true) {
      throw new AppError(
        ErrorCode.NamespaceReserved,
        `namespace "${namespace}" is reserved; an admin grants it only with reserved: true`,
        [
          {
            field: request.reserved === undefined ? fields.namespace : fields.reserved,
            reason: `"${namespace}" is reserved (the cluster's own namespaces and the service's); grant it with reserved: true`,
          },
        ],
      );
    }
    const current = await this.grants.lockNamespace(namespace, shared, tx);
    const owners = await this.grants.ownersOf(namespace, tx);
    const mine = owners.find((o) => o.applicationId === application.id);
    const others = owners.filter((o) => o !== mine);
    if (others.length > 0 && !shared) {
      const names = others.map((o) => `"${o.application}"`).join(', ');
      throw new AppError(
        ErrorCode.NamespaceTaken,
        `namespace "${namespace}" is owned by application ${names}; grant it with shared: true to share it`,
        [{ field: fields.namespace, reason: `is owned by application ${names}; send shared: true to share it` }],
      );
    }
    const nowSharedWith = shared && !current.shared ? others.map((o) => o.application) : [];
    if (current.shared !== shared) await this.grants.setShared(namespace, shared, tx);
    const grant = await this.grants.upsertGrant(application.id, namespace, shared, tx);
    return { grant, created: mine === undefined, nowSharedWith };
  }

  /** Takes a namespace from the application, unless it is still its default or holds its components. */
  async revoke(application: Application, namespace: string, tx: Tx): Promise<void> {
    if (!application.ownedNamespaces.some((o) => o.namespace === namespace)) {
      throw new AppError(
        ErrorCode.NamespaceNotGranted,
        `application "${application.name}" does not own namespace "${namespace}"`,
      );
    }
    if (application.defaultNamespace === namespace) {
      throw new AppError(ErrorCode.NamespaceInUse, `namespace "${namespace}" is the application's default namespace`, [
        { field: 'namespace', reason: 'is the default namespace; change defaultNamespace first' },
      ]);
    }
    const components = await this.grants.componentsIn(application.id, namespace, tx);
    if (components.length > 0) {
      throw new AppError(
        ErrorCode.NamespaceInUse,
        `namespace "${namespace}" holds ${components.length} component(s) of "${application.name}"; move or delete them first`,
        components.map((component) => ({
          field: `components[${component}].namespace`,
          reason: `is "${namespace}"; move or delete the component first`,
        })),
      );
    }
    await this.grants.lockNamespace(namespace, false, tx);
    await this.grants.deleteGrant(application.id, namespace, tx);
  }
}

/**
 * Refuses a namespace the application does not own (`field` names where it came from). The reason
 * lists the application's own namespaces only: nothing about who owns the other one.
 */
export function assertOwnsNamespace(application: Application, namespace: string, field: string): void {
  const problems = unownedNamespaces(application, [{ namespace, field }]);
  if (problems.length > 0) throw notOwned(application, problems);
}

/** The same for many at once (a whole topology document): every offending field is named. */
export function assertOwnsNamespaces(
  application: Application,
  uses: readonly { readonly namespace: string; readonly field: string }[],
): void {
  const problems = unownedNamespaces(application, uses);
  if (problems.length > 0) throw notOwned(application, problems);
}

function unownedNamespaces(
  application: Application,
  uses: readonly { readonly namespace: string; readonly field: string }[],
): { field: string; reason: string }[] {
  const owned = new Set(application.ownedNamespaces.map((o) => o.namespace));
  const list = [...owned].map((n) => `"${n}"`).join(', ');
  return uses
    .filter((use) => !owned.has(use.namespace))
    .map((use) => ({
      field: use.field,
      reason: `"${use.namespace}" is not a namespace of application "${application.name}" (it owns ${list}); an admin grants namespaces`,
    }));
}

function notOwned(application: Application, problems: readonly { field: string; reason: string }[]): AppError {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new AppError(
    ErrorCode.NamespaceNotOwned,
    `Namespace not owned by application "${application.name}": ${first.field}: ${first.reason}${more}`,
    problems,
  );
}
