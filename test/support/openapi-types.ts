// Generated from openapi.yaml by `npm run api:types` (scripts/api-types.mjs). Do not edit.

export type paths = {
  readonly '/v1/applications': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * List applications, in name order
     * @description Applications the token may see, a page at a time (`limit`, `offset`); a token scoped to some applications lists those only, and `total` counts the same set.
     */
    readonly get: operations['listApplications'];
    readonly put?: never;
    /**
     * Create an application
     * @description The application owns its default namespace (its name when omitted) and every namespace of `ownedNamespaces`, all granted with it or none. A namespace another application owns needs `shared: true`; a reserved one (kube-system, kube-public, kube-node-lease, the service's own) needs `reserved: true`, even for the default namespace (list it in `ownedNamespaces`).
     */
    readonly post: operations['createApplication'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * Get an application
     * @description The application's settings and the namespaces it owns. Its topology is under `/components`, `/externals`, `/flows` or `/topology`.
     */
    readonly get: operations['getApplication'];
    readonly put?: never;
    readonly post?: never;
    /**
     * Delete an application and its whole topology
     * @description Deletes the application with its components, externals, flows, namespace grants, versions and channels, in one transaction. Policies already applied to a cluster stay there until removed.
     */
    readonly delete: operations['deleteApplication'];
    readonly options?: never;
    readonly head?: never;
    /**
     * Change an application's display name, description, default namespace or settings
     * @description Only the fields given change. Changing `defaultNamespace` does not move existing components: they keep the namespace they were stored with. The new default namespace must be one the application owns (`ownedNamespaces`): otherwise 422 `namespace/not_owned`.
     */
    readonly patch: operations['updateApplication'];
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/namespaces': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * The namespaces the application owns, in name order
     * @description Each namespace the application owns, with whether it is shared with other applications. Components live only in these namespaces.
     */
    readonly get: operations['listOwnedNamespaces'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/namespaces/{namespace}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The namespace (DNS-1123 label). */
        readonly namespace: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    readonly get?: never;
    /**
     * Grant a namespace to the application, or change or confirm its grant
     * @description Needs an admin token for all applications: a grant claims the namespace for everyone. A namespace another application owns needs `shared: true` (those owners become shared owners too); a reserved one needs `reserved: true`. `shared: false` on a shared namespace the application alone owns makes it exclusive again. Granting again confirms a grant in conflict. Recorded in the audit log (`namespace.grant`).
     */
    readonly put: operations['grantNamespace'];
    readonly post?: never;
    /**
     * Take a namespace from the application
     * @description Refused (409 `namespace/in_use`) while it is the default namespace or holds components of the application. Recorded in the audit log (`namespace.revoke`).
     */
    readonly delete: operations['revokeNamespace'];
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/namespaces': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Every owned namespace with its owners, in name order
     * @description `conflict=true` lists what awaits an admin's decision: namespaces that several applications (or one, for a reserved namespace) were found using when namespace ownership began. They keep working; confirm a grant with PUT (`shared: true`, `reserved: true` as needed) or revoke it.
     */
    readonly get: operations['listNamespaces'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/components': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * List the application's components, in name order
     * @description Every component of the application, each with its namespace, labels and ports.
     */
    readonly get: operations['listComponents'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/components/{component}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The component's name (DNS-1123 label). */
        readonly component: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    /**
     * Get a component
     * @description One component by name: the namespace, the labels that select its pods, and the ports it listens on.
     */
    readonly get: operations['getComponent'];
    /**
     * Create or replace a component
     * @description The whole topology is checked with the change applied; a replacement that breaks a flow (for example, dropping a port name a flow uses) is a 422 and nothing is written.
     */
    readonly put: operations['putComponent'];
    readonly post?: never;
    /**
     * Delete a component no flow uses
     * @description Refused with 409 `component/in_use` while a flow names the component; `details` names those flows. Nothing changes until a publish.
     */
    readonly delete: operations['deleteComponent'];
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/externals': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * List the application's externals, in name order
     * @description Every external of the application: a network outside the cluster, as a CIDR minus exceptions.
     */
    readonly get: operations['listExternals'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/externals/{external}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The external's name (DNS-1123 label). */
        readonly external: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    /**
     * Get an external
     * @description One external by name: its CIDR and the ranges excepted from it.
     */
    readonly get: operations['getExternal'];
    /**
     * Create or replace an external
     * @description Creates the external (201) or replaces it whole (200). The topology is checked as a whole first; a change that would leave it invalid is refused and nothing is written.
     */
    readonly put: operations['putExternal'];
    readonly post?: never;
    /**
     * Delete an external no flow uses
     * @description Refused with 409 `external/in_use` while a flow names the external; `details` names those flows.
     */
    readonly delete: operations['deleteExternal'];
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/flows': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * List the application's flows, in the order they were added
     * @description Every flow of the application (who opens connections to whom, on which ports), each with its id.
     */
    readonly get: operations['listFlows'];
    readonly put?: never;
    /**
     * Add a flow
     * @description Both ends must exist and a named port must be a port of the destination component; otherwise 422 `topology/invalid` with one detail per problem.
     */
    readonly post: operations['createFlow'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/flows/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The flow's id (a UUID; any other string is simply not found). */
        readonly id: string;
      };
      readonly cookie?: never;
    };
    /**
     * Get a flow
     * @description One flow by its id.
     */
    readonly get: operations['getFlow'];
    readonly put?: never;
    readonly post?: never;
    /**
     * Delete a flow
     * @description Removes the flow; the next publish no longer allows that connection.
     */
    readonly delete: operations['deleteFlow'];
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/reachability': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * May `from` open a connection to `to` on (protocol, port), and which rule decides?
     * @description Evaluates one version of the application's policies with its components as workloads (Kubernetes semantics: the source's egress AND the destination's ingress must allow it). `from` and `to` name a component or an external of that version, or give an IP address as Kubernetes writes one (IPv4 as four decimal parts without leading zeros, IPv6 without a zone); an external is evaluated at one representative address (its first host address outside every `except` range), which the answer reports. A published version is compiled once and cached.
     */
    readonly get: operations['getReachability'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/connectivity': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * Every connection one version of the policies allows (conformance connlist format)
     * @description Workloads are the version's components, named `<namespace>/<component>[Component]`; `components` maps each of those ids to its component name. External peers are IPv4 ranges. Connections are in connlist line order. `from` and `to` keep only the connections from / to one component, namespace or workload (external ranges never match them), so a portal need not pull every pair of a large application; `workloads` and `externalPeers` stay whole.
     */
    readonly get: operations['getConnectivity'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/drift': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Declared flows against the NetworkPolicies live in a cluster
     * @description The body is the cluster's NetworkPolicies (`kubectl get networkpolicies -A -o yaml`), as YAML or as `{"manifests": "<yaml>"}`. The version's components are the workloads. `blocked`: declared flows some of whose declared ports the live policies do not allow (a flow with an external end is checked at the external's representative address). `undeclared`: for each ordered pair of distinct components, the ports the live policies allow minus the ports of the flows declared between them; connections with externals, kube-dns (the DNS allowance) and other workloads are not reported. `unchecked`: flows with a selector end or an IPv6 external, which components alone cannot decide. Workloads in the body are ignored (with a warning).
     */
    readonly post: operations['postDrift'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/analysis/connectivity': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Every allowed connection between the workloads of Kubernetes manifests
     * @description What `flowpolicy analyze --output json` prints: the conformance connlist format, plus the loader's warnings. The body is the manifests (Namespaces, Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, NetworkPolicies; `List`s are flattened) as YAML, or `{"manifests": "<yaml or json>"}`. At most 4 MiB of manifests; YAML aliases are capped. External ranges are IPv4, plus IPv6 when some policy names an IPv6 CIDR, written `first-last` (IPv6 in RFC 5952 text). `podIps` and `enforcement` (in the JSON body, or in the query string beside a YAML body; the body wins) are `flowpolicy analyze --pod-ips` and `--enforcement`; under `enforcement: none` the warnings say why everything is allowed. Connections are in connlist line order. `from` and `to` (`namespace:<name>` or `workload:<namespace>/<name>[<Kind>]`; manifests have no components) keep only the connections from / to those workloads; they come in the JSON body beside `manifests`, or, with a YAML body, in the query string (the body wins).
     */
    readonly post: operations['analyzeConnectivity'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/analysis/reachability': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * One reachability question about Kubernetes manifests
     * @description `from` and `to` are workload ids (`namespace/name[Kind]`, as connectivity names them) or IP addresses; `port` a number or a port name of the destination workload. They come in the JSON body beside `manifests`, or, with a YAML body, in the query string (the body wins), as do the options `podIps` and `enforcement` (see /v1/analysis/connectivity). Under `podIps: match` an IP address of a pod stands for that pod.
     */
    readonly post: operations['analyzeReachability'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/topology': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * Get the whole topology as one document
     * @description JSON by default; YAML when the `Accept` header ranks `application/yaml` (or `application/x-yaml`, `text/yaml`) ahead of `application/json`. The document is what `PUT` accepts, so GET then PUT round-trips; flow ids are not part of it. The `ETag` names the document (the same for JSON and YAML): send it back in `If-Match` on `PUT` so that an edit made meanwhile by someone else is refused rather than overwritten.
     */
    readonly get: operations['getTopology'];
    /**
     * Replace the whole topology atomically
     * @description The document is checked as a whole (every flow end exists, named ports resolve, names are unique); on any problem nothing is written and the answer is 422 `topology/invalid` with one detail per problem. Flows get new ids. The answer is the stored document, in JSON or YAML as for GET, with its new `ETag`. With `If-Match`, the write happens only when the stored document still has that ETag (`*`: any); otherwise the answer is 412 `topology/precondition_failed`, carrying the current ETag, and nothing is written. The check runs in the write's transaction, after the application is locked, so of two editors holding the same ETag exactly one succeeds.
     */
    readonly put: operations['putTopology'];
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/versions': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * List published versions, newest first
     * @description The application's published versions, a page at a time (`limit`, `offset`): number, digest, actor, note and lint findings, without the manifests (pull them by number or channel).
     */
    readonly get: operations['listVersions'];
    readonly put?: never;
    /**
     * Publish the current topology's policies as the next version
     * @description Generates the policies from the stored topology and the application's settings and lints them. Lint errors (or a topology the engine refuses) answer 422 `version/invalid` with the findings, and nothing is written. When the policies are byte for byte those of the latest version (same digest), the answer is that version with 200 and no new number (its note is kept). Otherwise the next number is taken (201); concurrent publishes get consecutive numbers. The policies are generated from the topology as read, outside any transaction; the commit checks that the topology is still the same and otherwise runs the publish again. When that keeps failing (the topology changes during every attempt, or the database cannot commit in time), the answer is 409 `version/conflict`, nothing is written, and the request may be retried. The policies are checked against the latest guardrail version (`/v1/guardrails/versions`): a declared flow that a guardrail denies (an AdminNetworkPolicy Deny, or the baseline where no NetworkPolicy isolates that side) answers 422 `version/guardrail_denied` naming the flow, the policy and its rule, unless `acceptGuardrailDenials` is true, which records it as a `guardrail-denies-flow` warning instead. Connections between components that a guardrail allows and the application did not declare are `guardrail-allows-undeclared` warnings (checked for up to 200 components). The version records the guardrail version in `guardrailVersion`.
     */
    readonly post: operations['publishVersion'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/versions/{v}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description A version number (1, 2, ...) or `latest`. */
        readonly v: components['parameters']['Version'];
      };
      readonly cookie?: never;
    };
    /**
     * Get a version's metadata (number, digest, findings)
     * @description The metadata of one version (`latest` is the newest): its number, digest, policy count, findings and who published it. The manifests are at `.../manifests`.
     */
    readonly get: operations['getVersion'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/versions/{v}/manifests': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description ETags the caller holds; when one matches, the answer is 304 with no body. */
        readonly 'if-none-match'?: components['parameters']['IfNoneMatch'];
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description A version number (1, 2, ...) or `latest`. */
        readonly v: components['parameters']['Version'];
      };
      readonly cookie?: never;
    };
    /**
     * Pull a version's NetworkPolicies, ready for kubectl apply
     * @description Multi-document YAML by default; a Kubernetes `List` in JSON when `Accept` ranks `application/json` first. A numbered version never changes, so it is served `private, immutable` for a year; `latest` moves and is served `private, no-cache` (revalidate with the ETag).
     */
    readonly get: operations['pullVersionManifests'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/versions/{v}/diff/{other}': {
    readonly parameters: {
      readonly query?: {
        /** @description Which guardrails (AdminNetworkPolicies and the baseline, `/v1/guardrails/versions`) the policies are evaluated under: a guardrail version number, `latest` (the default; none while nothing is published) or `none`. */
        readonly guardrails?: components['parameters']['AnalyzedGuardrails'];
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description A version number (1, 2, ...) or `latest`. */
        readonly v: components['parameters']['Version'];
        /** @description The version to compare with (a positive integer or `latest`). */
        readonly other: components['schemas']['VersionRef'];
      };
      readonly cookie?: never;
    };
    /**
     * What changed from version v to version other
     * @description Policies added, removed and changed (by `namespace/name`, with a unified diff of each changed policy's YAML), and allowed connections added and removed, computed by the engine for each version's own topology and policies (components by name, outside addresses as IPv4 ranges).
     */
    readonly get: operations['diffVersions'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/policies': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description ETags the caller holds; when one matches, the answer is 304 with no body. */
        readonly 'if-none-match'?: components['parameters']['IfNoneMatch'];
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * The draft — what a publish would produce now (not stored)
     * @description Generated from the stored topology on each request and served exactly like a version's manifests (YAML or JSON `List`, ETag of the digest), `private, no-cache`. Compare its ETag with the latest version's to see whether a publish would make a new version. Lint findings come with the publish answer; lint errors answer 422 here as they would on publish.
     */
    readonly get: operations['pullDraftManifests'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/channels': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    /**
     * List channels, in name order
     * @description Every channel of the application with the version it points at.
     */
    readonly get: operations['listChannels'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/channels/{channel}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The channel's name (DNS-1123 label), e.g. `production`. */
        readonly channel: components['parameters']['Channel'];
      };
      readonly cookie?: never;
    };
    /**
     * Get a channel (the version it points at)
     * @description The version the channel points at. CI pipelines usually pull `.../channels/{channel}/manifests` instead.
     */
    readonly get: operations['getChannel'];
    /**
     * Point a channel at a published version (creating the channel when new)
     * @description Points the channel at a published version, creating the channel (201) or moving it (200). The move is recorded in the audit log; a version that does not exist is 404 `version/not_found`.
     */
    readonly put: operations['setChannel'];
    readonly post?: never;
    /**
     * Delete a channel (its version stays)
     * @description Deletes the channel; the version it pointed at stays, and so does anything pulled from it.
     */
    readonly delete: operations['deleteChannel'];
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/applications/{app}/channels/{channel}/manifests': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description ETags the caller holds; when one matches, the answer is 304 with no body. */
        readonly 'if-none-match'?: components['parameters']['IfNoneMatch'];
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The channel's name (DNS-1123 label), e.g. `production`. */
        readonly channel: components['parameters']['Channel'];
      };
      readonly cookie?: never;
    };
    /**
     * Pull the NetworkPolicies of the version a channel points at
     * @description As for a version's manifests, but `private, no-cache`: the channel may move, so caches revalidate with the ETag (the version's digest) and get a 304 while it has not.
     */
    readonly get: operations['pullChannelManifests'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/guardrails': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Get the cluster's guardrail document
     * @description A Kubernetes List of the AdminNetworkPolicies (by ascending priority) and the BaselineAdminNetworkPolicy (last), as stored; an empty List while none were stored. JSON by default, YAML when `Accept` ranks it first. The `ETag` names the document (the same for both): send it back in `If-Match` on `PUT`. What is stored takes effect once published (`POST /v1/guardrails/versions`).
     */
    readonly get: operations['getGuardrails'];
    /**
     * Replace the cluster's guardrail document
     * @description The body is a Kubernetes List (`kubectl get adminnetworkpolicies,baselineadminnetworkpolicies -o yaml` prints one) of AdminNetworkPolicies and at most one BaselineAdminNetworkPolicy, in JSON or YAML. Each object is checked as the API server checks it (priority 0-1000 and unique, the baseline named `default`, actions, peers, ports, port ranges); on any problem the answer is 422 `guardrails/invalid` naming the item and field, and nothing is written. The answer is the stored document in canonical order, with its new `ETag`. With `If-Match`, the write happens only when the stored document still has that ETag (`*`: any); otherwise 412 `guardrails/precondition_failed` with the current ETag. Audited as `guardrails.put`.
     */
    readonly put: operations['putGuardrails'];
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/guardrails/versions': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * List published guardrail versions, newest first
     * @description The cluster's published guardrail versions, newest first, a page at a time: each with its number, digest, who published it and when. Any token may read them.
     */
    readonly get: operations['listGuardrailVersions'];
    readonly put?: never;
    /**
     * Publish the stored guardrail document as the next guardrail version
     * @description The latest guardrail version is what applications are analysed under and checked against when they publish. When the document is that of the latest version (same digest), the answer is that version with 200; otherwise the next number is taken (201). Audited as `guardrails.publish`.
     */
    readonly post: operations['publishGuardrails'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/guardrails/versions/{v}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description A version number (1, 2, ...) or `latest`. */
        readonly v: components['parameters']['Version'];
      };
      readonly cookie?: never;
    };
    /**
     * Get one guardrail version (a number or `latest`)
     * @description One published guardrail version with its document (the AdminNetworkPolicies and the baseline it holds); `latest` names the newest. A version never changes once published.
     */
    readonly get: operations['getGuardrailVersion'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/audit': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The audit log, newest first
     * @description One event per successful write (application, component, external, flow, topology, version, channel and token writes), recorded in the same transaction as the change: a rejected write records nothing. Topology writes carry the sha256 of the canonical topology document before and after; publishes and channel moves carry version digests. Page with `limit` and either `offset` or the previous page's `nextCursor` (stable while events are added).
     */
    readonly get: operations['listAuditEvents'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/tokens': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Every token, revoked ones included (never their secrets)
     * @description Every token with its name, role, applications and prefix, revoked ones included, oldest first. Secrets are never stored, so never listed.
     */
    readonly get: operations['listTokens'];
    readonly put?: never;
    /**
     * Create a token (its secret is in this answer only)
     * @description Needs an admin token for all applications. The secret (`fp_` and 43 base64url characters) is answered once and stored only as its sha256; keep it, it cannot be shown again. Names are unique among all tokens, revoked ones included (409 `token/already_exists`), and `bootstrap`, `anonymous` and `system` are reserved for the service's own actors (400).
     */
    readonly post: operations['createToken'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/v1/tokens/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The token's id. */
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    /**
     * Revoke a token at once (idempotent)
     * @description Revokes the token: it stops working on every replica within the token cache's time to live. Revoking a revoked token answers 204 again; its name stays taken.
     */
    readonly delete: operations['revokeToken'];
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/health': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Liveness - the process answers
     * @description Answers as long as the process runs; it does not touch the database (see `/health/ready`). No token is needed.
     */
    readonly get: operations['getLiveness'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/health/ready': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Readiness - the database answers within 2 seconds, and no shutdown began
     * @description 503 `database/unavailable` when the database does not answer in time; 503 `service/shutting_down` from the moment SIGTERM or SIGINT arrives, while the service keeps serving other requests for SHUTDOWN_DELAY_MS so that load balancers stop sending first.
     */
    readonly get: operations['getReadiness'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/metrics': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Prometheus metrics
     * @description Prometheus text exposition format, version 0.0.4 (`text/plain; version=0.0.4; charset=utf-8`): `http_requests_total{method,route,status}`, `http_request_duration_seconds{method,route}` (route is the route template, e.g. `/v1/applications/:app`, or `unmatched`), `flowpolicy_publishes_total{result}`, `flowpolicy_engine_seconds{operation}`, and the Node.js process metrics (`process_*`, `nodejs_*`). Each replica reports its own numbers.
     */
    readonly get: operations['getMetrics'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
};
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    /**
     * @description Each role includes the ones before it.
     * @enum {string}
     */
    readonly Role: 'viewer' | 'editor' | 'publisher' | 'admin';
    readonly CreateToken: {
      /** @description Unique among all tokens, revoked ones included; bootstrap, anonymous and system are reserved. */
      readonly name: string;
      readonly role: components['schemas']['Role'];
      /** @description Application names the token may touch; omitted or empty means all. */
      readonly applications?: readonly string[];
      /**
       * Format: date-time
       * @description Must be in the future; never expires when omitted.
       */
      readonly expiresAt?: string;
    };
    readonly Token: {
      /** Format: uuid */
      readonly id: string;
      readonly name: string;
      readonly role: components['schemas']['Role'];
      readonly applications: readonly string[];
      /** @description The secret's first 8 characters. */
      readonly prefix: string;
      /** Format: date-time */
      readonly expiresAt: string | null;
      /** Format: date-time */
      readonly revokedAt: string | null;
      /** Format: date-time */
      readonly createdAt: string;
      /**
       * Format: date-time
       * @description Updated at most once a minute.
       */
      readonly lastUsedAt: string | null;
    };
    readonly CreatedToken: {
      /** Format: uuid */
      readonly id: string;
      /** @description The secret, shown this once. */
      readonly token: string;
      readonly name: string;
      readonly role: components['schemas']['Role'];
      readonly applications: readonly string[];
      readonly prefix: string;
      /** Format: date-time */
      readonly expiresAt: string | null;
      /** Format: date-time */
      readonly createdAt: string;
    };
    readonly TokenList: {
      readonly items: readonly components['schemas']['Token'][];
    };
    /**
     * @description A DNS-1123 label (RFC 1123), as Kubernetes names namespaces and services.
     * @example shop
     */
    readonly Dns1123Label: string;
    readonly PortNumber: number;
    /**
     * @description A named port (IANA_SVC_NAME): at most 15 lower-case alphanumerics or '-', at least one letter, no '--', starting and ending with an alphanumeric.
     * @example http
     */
    readonly PortName: string;
    /** @enum {string} */
    readonly Protocol: 'TCP' | 'UDP' | 'SCTP';
    /**
     * @description An IPv4 or IPv6 network in canonical form (no host bits set), e.g. 10.0.0.0/8 or 2001:db8::/32.
     * @example 0.0.0.0/0
     */
    readonly Cidr: string;
    /** @description A label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric. */
    readonly LabelKey: string;
    /** @description Empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric. */
    readonly LabelValue: string;
    /** @description Label keys to values (at most 64). */
    readonly Labels: {
      readonly [key: string]: components['schemas']['LabelValue'];
    };
    readonly LabelSelectorRequirement: {
      readonly key: components['schemas']['LabelKey'];
      /** @enum {string} */
      readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
      /** @description Required and non-empty for In and NotIn; absent (or null) for Exists and DoesNotExist. */
      readonly values?: readonly components['schemas']['LabelValue'][] | null;
    };
    /** @description A Kubernetes LabelSelector; matchLabels AND matchExpressions, and `{}` selects everything. */
    readonly LabelSelector: {
      readonly matchLabels?: components['schemas']['Labels'];
      readonly matchExpressions?: readonly components['schemas']['LabelSelectorRequirement'][];
    };
    readonly ApplicationSettings: {
      /**
       * @description `both` isolates ingress and egress of every component with flows; `ingress` only ingress.
       * @enum {string}
       */
      readonly isolation: 'both' | 'ingress';
      /** @description Allow DNS (UDP and TCP 53) to kube-dns whenever egress is isolated. */
      readonly dnsEgress: boolean;
    };
    readonly ApplicationSettingsInput: {
      /**
       * @default both
       * @enum {string}
       */
      readonly isolation?: 'both' | 'ingress';
      /** @default true */
      readonly dnsEgress?: boolean;
    };
    readonly Application: {
      readonly name: components['schemas']['Dns1123Label'];
      readonly displayName: string;
      readonly description: string;
      /** @description Always one of ownedNamespaces. */
      readonly defaultNamespace: components['schemas']['Dns1123Label'];
      /** @description In name order. */
      readonly ownedNamespaces: readonly components['schemas']['OwnedNamespace'][];
      readonly settings: components['schemas']['ApplicationSettings'];
      /** Format: date-time */
      readonly createdAt: string;
      /**
       * Format: date-time
       * @description Last change to the application or its topology.
       */
      readonly updatedAt: string;
    };
    /** @description A namespace the application owns; its components live there and its policies land there. */
    readonly OwnedNamespace: {
      readonly namespace: components['schemas']['Dns1123Label'];
      /** @description An admin allowed other applications to own it too. */
      readonly shared: boolean;
      /** @description Found used by several applications (or reserved) when namespace ownership began: it keeps working until an admin confirms the grant (PUT) or revokes it. */
      readonly conflict: boolean;
      /** Format: date-time */
      readonly grantedAt: string;
    };
    readonly OwnedNamespaceList: {
      readonly items: readonly components['schemas']['OwnedNamespace'][];
    };
    readonly NamespaceGrantInput: {
      readonly namespace: components['schemas']['Dns1123Label'];
      /**
       * @description Let other applications own it too; those that already do become shared owners.
       * @default false
       */
      readonly shared?: boolean;
      /**
       * @description Must be true to grant a reserved namespace (kube-system, kube-public, kube-node-lease, the service's own).
       * @default false
       */
      readonly reserved?: boolean;
    };
    readonly NamespaceGrantBody: {
      /**
       * @description Let other applications own it too.
       * @default false
       */
      readonly shared?: boolean;
      /**
       * @description Must be true to grant a reserved namespace.
       * @default false
       */
      readonly reserved?: boolean;
    };
    readonly NamespaceOwnership: {
      readonly namespace: components['schemas']['Dns1123Label'];
      readonly shared: boolean;
      /** @description kube-system, kube-public, kube-node-lease or the service's own (FLOWPOLICY_NAMESPACE). */
      readonly reserved: boolean;
      /** @description Some grant of it awaits an admin's decision. */
      readonly conflict: boolean;
      readonly owners: readonly {
        readonly application: components['schemas']['Dns1123Label'];
        readonly conflict: boolean;
        /** Format: date-time */
        readonly grantedAt: string;
      }[];
    };
    readonly NamespaceOwnershipList: {
      readonly items: readonly components['schemas']['NamespaceOwnership'][];
      readonly total: number;
      readonly limit: number;
      readonly offset: number;
    };
    readonly ApplicationList: {
      readonly items: readonly components['schemas']['Application'][];
      /** @description All applications, not only this page. */
      readonly total: number;
      readonly limit: number;
      readonly offset: number;
    };
    readonly UpdateApplication: {
      readonly displayName?: string;
      readonly description?: string;
      /** @description Namespace of components that do not name one; must be one the application owns. */
      readonly defaultNamespace?: components['schemas']['Dns1123Label'];
      readonly settings?: components['schemas']['ApplicationSettingsInput'];
    };
    readonly CreateApplication: {
      /** @description Unique; it names the generated policies. */
      readonly name: components['schemas']['Dns1123Label'];
      /** @description The name when omitted. */
      readonly displayName?: string;
      /** @default  */
      readonly description?: string;
      /** @description Namespace of components that do not name one; the application's name when omitted. Granted with the application. */
      readonly defaultNamespace?: components['schemas']['Dns1123Label'];
      /** @description Namespaces the application owns besides its default namespace (list the default one here too to share it or to grant it as reserved). Each namespace once. */
      readonly ownedNamespaces?: readonly components['schemas']['NamespaceGrantInput'][];
      readonly settings?: components['schemas']['ApplicationSettingsInput'];
    };
    /** @description A port the component's pods listen on (a containerPort). */
    readonly ComponentPort: {
      readonly name?: components['schemas']['PortName'];
      readonly port: components['schemas']['PortNumber'];
      readonly protocol: components['schemas']['Protocol'];
    };
    readonly ComponentPortInput: {
      /** @description For flows that name ports; unique within the component. */
      readonly name?: components['schemas']['PortName'];
      readonly port: components['schemas']['PortNumber'];
      /** @default TCP */
      readonly protocol?: components['schemas']['Protocol'];
    };
    /** @description A workload of the application; its pods are those matching `labels` in `namespace`. */
    readonly Component: {
      readonly name: components['schemas']['Dns1123Label'];
      readonly namespace: components['schemas']['Dns1123Label'];
      readonly labels: components['schemas']['Labels'];
      readonly ports: readonly components['schemas']['ComponentPort'][];
    };
    readonly ComponentInput: {
      /** @description The application's default namespace when omitted. */
      readonly namespace?: components['schemas']['Dns1123Label'];
      /** @description Labels that select the component's pods (matchLabels); at least one. */
      readonly labels: components['schemas']['Labels'];
      /** @description Port names must be unique. */
      readonly ports?: readonly components['schemas']['ComponentPortInput'][];
    };
    readonly ComponentList: {
      readonly items: readonly components['schemas']['Component'][];
    };
    /** @description A network outside the cluster; `cidr` minus every range in `except`. */
    readonly External: {
      readonly name: components['schemas']['Dns1123Label'];
      readonly cidr: components['schemas']['Cidr'];
      readonly except: readonly components['schemas']['Cidr'][];
    };
    readonly ExternalInput: {
      readonly cidr: components['schemas']['Cidr'];
      /** @description Ranges inside `cidr` to leave out. */
      readonly except?: readonly components['schemas']['Cidr'][];
    };
    readonly ExternalList: {
      readonly items: readonly components['schemas']['External'][];
    };
    /** @description Pods outside the application. podSelector AND namespaceSelector when both are given; a podSelector alone means pods in the namespace of the component at the other end. */
    readonly SelectorPeer: {
      readonly namespaceSelector?: components['schemas']['LabelSelector'];
      readonly podSelector?: components['schemas']['LabelSelector'];
    };
    /** @description One end of a flow; exactly one of component, external or selector. */
    readonly FlowPeer:
      | {
          readonly component: components['schemas']['Dns1123Label'];
        }
      | {
          readonly external: components['schemas']['Dns1123Label'];
        }
      | {
          readonly selector: components['schemas']['SelectorPeer'];
        };
    /** @description A port number, or the name of a port of the destination component. */
    readonly FlowPortValue: components['schemas']['PortNumber'] | components['schemas']['PortName'];
    /** @description A port of a flow. No `port` means every port of `protocol`; `endPort` (inclusive) makes a range and needs a numeric `port`. */
    readonly FlowPort: {
      readonly port?: components['schemas']['FlowPortValue'];
      readonly endPort?: components['schemas']['PortNumber'];
      readonly protocol: components['schemas']['Protocol'];
    };
    readonly FlowPortInput: {
      readonly port?: components['schemas']['FlowPortValue'];
      /** @description Last port of the range (inclusive), at least `port`. */
      readonly endPort?: components['schemas']['PortNumber'];
      /** @default TCP */
      readonly protocol?: components['schemas']['Protocol'];
    };
    /** @description A connection the application needs, named by who opens it. */
    readonly Flow: {
      /** Format: uuid */
      readonly id: string;
      readonly from: components['schemas']['FlowPeer'];
      readonly to: components['schemas']['FlowPeer'];
      /** @description Empty means all ports. */
      readonly ports: readonly components['schemas']['FlowPort'][];
      readonly description: string;
    };
    readonly FlowInput: {
      readonly from: components['schemas']['FlowPeer'];
      readonly to: components['schemas']['FlowPeer'];
      /** @description No ports (or an empty list) means all ports. */
      readonly ports?: readonly components['schemas']['FlowPortInput'][];
      readonly description?: string;
    };
    readonly FlowList: {
      readonly items: readonly components['schemas']['Flow'][];
    };
    /** @description A flow as it appears in the topology document (without its id). */
    readonly TopologyFlow: {
      readonly from: components['schemas']['FlowPeer'];
      readonly to: components['schemas']['FlowPeer'];
      readonly ports: readonly components['schemas']['FlowPort'][];
      readonly description: string;
    };
    /** @description The stored topology, with defaults filled in; a valid `TopologyDocumentInput` as it stands. */
    readonly TopologyDocument: {
      /** @description The application's name. */
      readonly name: components['schemas']['Dns1123Label'];
      readonly components: readonly components['schemas']['Component'][];
      readonly externals: readonly components['schemas']['External'][];
      readonly flows: readonly components['schemas']['TopologyFlow'][];
    };
    /** @description A component of the document; `ComponentInput` plus its name. */
    readonly TopologyComponentInput: {
      readonly name: components['schemas']['Dns1123Label'];
      readonly namespace?: components['schemas']['ComponentInput']['namespace'];
      readonly labels: components['schemas']['ComponentInput']['labels'];
      readonly ports?: components['schemas']['ComponentInput']['ports'];
    };
    /** @description An external of the document; `ExternalInput` plus its name. */
    readonly TopologyExternalInput: {
      readonly name: components['schemas']['Dns1123Label'];
      readonly cidr: components['schemas']['ExternalInput']['cidr'];
      readonly except?: components['schemas']['ExternalInput']['except'];
    };
    /** @description A whole topology; names are unique within components and within externals. The same file the CLI reads. */
    readonly TopologyDocumentInput: {
      /** @description The application's name; when given it must be the application written to (else 400 validation/failed on field `name`). */
      readonly name?: components['schemas']['Dns1123Label'];
      /** @description Namespace of components that name none; the application's default namespace when omitted. */
      readonly namespace?: components['schemas']['Dns1123Label'];
      readonly components: readonly components['schemas']['TopologyComponentInput'][];
      readonly externals?: readonly components['schemas']['TopologyExternalInput'][];
      readonly flows?: readonly components['schemas']['FlowInput'][];
    };
    /** @description A component or external name of the application, or an IPv4/IPv6 address. */
    readonly ReachabilityEnd: string;
    readonly AnalyzedVersion: {
      /** @description null for the draft. */
      readonly number: number | null;
      /** @description sha256 (hex) of the version's canonical manifests. */
      readonly digest: string;
    };
    readonly RuleRef: {
      /** @description namespace/name of the NetworkPolicy. */
      readonly policy: string;
      /** @enum {unknown} */
      readonly direction: 'ingress' | 'egress';
      /** @description Index in spec.ingress[] or spec.egress[]. */
      readonly rule: number;
    };
    /**
     * @description Which tier decided, in evaluation order: AdminNetworkPolicies by priority (admin), then NetworkPolicies (networkpolicy), then the BaselineAdminNetworkPolicy (baseline), then the cluster default, which allows.
     * @enum {unknown}
     */
    readonly Tier: 'admin' | 'networkpolicy' | 'baseline' | 'default';
    readonly TierDecision: {
      readonly tier: components['schemas']['Tier'];
      /** @enum {unknown} */
      readonly action: 'Allow' | 'Deny';
      /** @description admin/baseline: the AdminNetworkPolicy or BaselineAdminNetworkPolicy name; networkpolicy: the first allowing (or, when denied, isolating) policy as namespace/name; default: null. */
      readonly policy: string | null;
      /** @description Index of the deciding rule in ingress[] or egress[]. */
      readonly rule: number | null;
      /** @description The deciding ANP/BANP rule's name. */
      readonly ruleName: string | null;
      /** @description The AdminNetworkPolicy rule whose action Pass sent the connection to the lower tiers. */
      readonly passedBy: null | {
        readonly policy: string;
        readonly rule: number;
        readonly ruleName: string | null;
      };
    };
    readonly DirectionVerdict: {
      readonly decision: components['schemas']['TierDecision'];
      /** @description Whether some policy isolates this side in this direction. */
      readonly isolated: boolean;
      readonly allowed: boolean;
      readonly allowedBy: readonly components['schemas']['RuleRef'][];
      readonly reason: string;
      /** @description Policies selecting this side in this direction. */
      readonly policies: readonly string[];
    };
    readonly ReachabilityEndpoint: {
      /** @enum {unknown} */
      readonly kind: 'component' | 'external' | 'ip';
      /** @description The component or external name. */
      readonly name: string | null;
      /** @description The component as a workload: namespace/name[Component]. */
      readonly workload: string | null;
      /** @description The address evaluated (for an external, its representative address). */
      readonly ip: string | null;
    };
    readonly Reachability: {
      /** @description The denying side's tier (egress first) when denied, else the higher-precedence tier of the two sides. */
      readonly tier: components['schemas']['Tier'];
      /**
       * Format: uuid
       * @description Names this answer in the service's decision log: one info line per answer (`msg: decision`, with this id, the request id, the caller's token id, the application, the version number and digest, the query and the verdict), as policy servers keep decision logs.
       */
      readonly decisionId: string;
      /** @description The source's egress AND the destination's ingress allow it. */
      readonly allowed: boolean;
      readonly egress: components['schemas']['DirectionVerdict'];
      readonly ingress: components['schemas']['DirectionVerdict'];
      readonly from: components['schemas']['ReachabilityEndpoint'];
      readonly to: components['schemas']['ReachabilityEndpoint'];
      readonly port: components['schemas']['PortNumber'];
      /** @description The port name asked for, if any. */
      readonly portName: string | null;
      readonly protocol: components['schemas']['Protocol'];
      readonly version: components['schemas']['AnalyzedVersion'];
      /** @description The guardrail version the answer was evaluated under; null when none (nothing published, or `guardrails=none`). */
      readonly guardrailVersion: number | null;
    };
    /** @description "All Connections", or per-protocol inclusive port ranges. */
    readonly Conns:
      | 'All Connections'
      | readonly {
          readonly protocol: components['schemas']['Protocol'];
          readonly ports: readonly (readonly [number, number])[];
        }[];
    readonly Connection: {
      /** @description A workload id or an IPv4 range a-b. */
      readonly src: string;
      readonly dst: string;
      readonly conns: components['schemas']['Conns'];
    };
    readonly ExternalPeers: {
      readonly asSource: readonly string[];
      readonly asDestination: readonly string[];
    };
    readonly ApplicationConnectivity: {
      readonly workloads: readonly string[];
      readonly externalPeers: components['schemas']['ExternalPeers'];
      readonly connections: readonly components['schemas']['Connection'][];
      /** @description Workload id -> component name. */
      readonly components: {
        readonly [key: string]: string;
      };
      readonly version: components['schemas']['AnalyzedVersion'];
      /** @description The guardrail version the connections were evaluated under; null when none. */
      readonly guardrailVersion: number | null;
    };
    readonly ManifestsInput: {
      /** @description Kubernetes YAML or JSON, any number of documents. */
      readonly manifests: string;
    };
    /**
     * @description `ignore` (default): an ipBlock matches external addresses only. `match`: an ipBlock also matches a pod whose status.podIP/podIPs it contains (except ranges included), and pod IPs are no longer external addresses. Kubernetes leaves this to the network plugin.
     * @enum {string}
     */
    readonly AnalysisPodIps: 'ignore' | 'match';
    /**
     * @description `standard` (default): the network plugin enforces NetworkPolicy. `none`: it does not (Flannel alone), so every connection is allowed and every answer says why.
     * @enum {string}
     */
    readonly AnalysisEnforcement: 'standard' | 'none';
    readonly ManifestsConnectivityInput: {
      /** @description Kubernetes YAML or JSON, any number of documents. */
      readonly manifests: string;
      readonly podIps?: components['schemas']['AnalysisPodIps'];
      readonly enforcement?: components['schemas']['AnalysisEnforcement'];
      /** @description namespace:<name> or workload:<namespace>/<name>[<Kind>]. */
      readonly from?: string;
      readonly to?: string;
    };
    readonly ManifestsReachabilityInput: {
      readonly manifests: string;
      readonly podIps?: components['schemas']['AnalysisPodIps'];
      readonly enforcement?: components['schemas']['AnalysisEnforcement'];
      /** @description A workload id (namespace/name[Kind]) or an IP address. */
      readonly from?: string;
      readonly to?: string;
      readonly port?: components['schemas']['FlowPortValue'];
      readonly protocol?: components['schemas']['Protocol'];
    };
    readonly ManifestsConnectivity: {
      readonly workloads: readonly string[];
      readonly externalPeers: components['schemas']['ExternalPeers'];
      readonly connections: readonly components['schemas']['Connection'][];
      readonly warnings: readonly string[];
    };
    readonly ManifestsReachability: {
      readonly allowed: boolean;
      /** @description The denying side's tier (egress first) when denied, else the higher-precedence tier of the two sides. */
      readonly tier: components['schemas']['Tier'];
      readonly egress: components['schemas']['DirectionVerdict'];
      readonly ingress: components['schemas']['DirectionVerdict'];
      readonly from: string;
      readonly to: string;
      readonly port: components['schemas']['FlowPortValue'];
      readonly protocol: components['schemas']['Protocol'];
      readonly warnings: readonly string[];
    };
    readonly Drift: {
      readonly blocked: readonly {
        /** @description The flow's id. */
        readonly id: string;
        readonly from: components['schemas']['FlowPeer'];
        readonly to: components['schemas']['FlowPeer'];
        readonly blocked: components['schemas']['Conns'];
        /** @description Why the first blocked port is denied. */
        readonly reason: string;
      }[];
      readonly undeclared: readonly {
        /** @description Component name. */
        readonly from: string;
        readonly to: string;
        readonly conns: components['schemas']['Conns'];
      }[];
      readonly unchecked: readonly {
        readonly id: string;
        readonly reason: string;
      }[];
      readonly version: components['schemas']['AnalyzedVersion'];
      /** @description The guardrail version the live policies were evaluated under; null when none, or when the manifests carry their own AdminNetworkPolicies or baseline (a warning says so). */
      readonly guardrailVersion: number | null;
      readonly warnings: readonly string[];
    };
    /**
     * @description Stable error codes. HTTP statuses: validation/failed, request/invalid_body, analysis/invalid_manifests 400; request/unsupported_media_type 415; request/payload_too_large 413; request/body_timeout 408; request/rate_limited 429; route/not_found and *\/not_found 404; application/already_exists, token/already_exists, component/in_use, external/in_use, namespace/taken, namespace/in_use, version/conflict, guardrails/conflict 409; topology/precondition_failed, guardrails/precondition_failed 412; topology/invalid, version/invalid, version/guardrail_denied, guardrails/invalid, reachability/unknown_endpoint, reachability/unknown_port, namespace/not_owned, namespace/reserved 422; auth/unauthenticated 401; auth/forbidden 403; token/not_found 404; database/unavailable, service/shutting_down 503; internal 500.
     * @enum {string}
     */
    readonly ErrorCode:
      | 'validation/failed'
      | 'request/invalid_body'
      | 'request/unsupported_media_type'
      | 'request/payload_too_large'
      | 'request/body_timeout'
      | 'request/rate_limited'
      | 'route/not_found'
      | 'application/not_found'
      | 'application/already_exists'
      | 'component/not_found'
      | 'component/in_use'
      | 'external/not_found'
      | 'external/in_use'
      | 'flow/not_found'
      | 'topology/invalid'
      | 'topology/precondition_failed'
      | 'version/not_found'
      | 'version/invalid'
      | 'version/conflict'
      | 'channel/not_found'
      | 'version/guardrail_denied'
      | 'guardrails/invalid'
      | 'guardrails/precondition_failed'
      | 'guardrails/version_not_found'
      | 'guardrails/conflict'
      | 'namespace/not_owned'
      | 'namespace/taken'
      | 'namespace/reserved'
      | 'namespace/in_use'
      | 'namespace/not_granted'
      | 'auth/unauthenticated'
      | 'auth/forbidden'
      | 'token/not_found'
      | 'token/already_exists'
      | 'reachability/unknown_endpoint'
      | 'reachability/unknown_port'
      | 'analysis/invalid_manifests'
      | 'database/unavailable'
      | 'service/shutting_down'
      | 'internal';
    /** @description One recorded write. */
    readonly AuditEvent: {
      /** Format: uuid */
      readonly id: string;
      /** Format: date-time */
      readonly at: string;
      /** @description The token name, or `anonymous` / `system`. */
      readonly actor: string;
      readonly tokenId: string | null;
      /**
       * @description What was done.
       * @enum {string}
       */
      readonly action:
        | 'application.create'
        | 'application.update'
        | 'application.delete'
        | 'namespace.grant'
        | 'namespace.revoke'
        | 'component.put'
        | 'component.delete'
        | 'external.put'
        | 'external.delete'
        | 'flow.create'
        | 'flow.delete'
        | 'topology.put'
        | 'version.publish'
        | 'channel.set'
        | 'channel.delete'
        | 'guardrails.put'
        | 'guardrails.publish'
        | 'token.create'
        | 'token.revoke';
      readonly application: string | null;
      /** @description The object written (component, external or channel name, flow id, version number). */
      readonly target: string | null;
      /** @description sha256 of the canonical topology document, or the version digest, before the write. */
      readonly digestBefore: string | null;
      readonly digestAfter: string | null;
      readonly requestId: string;
      readonly details: Record<string, never> | null;
    };
    readonly AuditEventPage: {
      readonly items: readonly components['schemas']['AuditEvent'][];
      /** @description Pass as `cursor` for the next page; null on the last. */
      readonly nextCursor: string | null;
    };
    /** @description One problem with one field; `field` is a path such as `flows[2].to.component`. */
    readonly FieldProblem: {
      readonly field: string;
      readonly reason: string;
      /** @description A stable code for topology problems, e.g. flow/unknown_component. */
      readonly code?: string;
    };
    /** @description A positive integer (no leading zeros) or `latest`. */
    readonly VersionRef: string;
    readonly Finding: {
      /** @description A stable lint code, e.g. component-unisolated, dns-blocked. */
      readonly code: string;
      /** @enum {string} */
      readonly severity: 'error' | 'warning' | 'info';
      /** @description What it is about: `component web`, `flows[2]`, ... */
      readonly object: string;
      readonly message: string;
    };
    /** @description An AdminNetworkPolicy or BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), as Kubernetes defines it; the service checks its spec (see putGuardrails). */
    readonly GuardrailObject: {
      /** @constant */
      readonly apiVersion: 'policy.networking.k8s.io/v1alpha1';
      /** @enum {unknown} */
      readonly kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
      readonly metadata: {
        readonly name: string;
      };
      readonly spec: Record<string, never>;
    };
    /** @description The guardrails as a Kubernetes List, AdminNetworkPolicies by ascending priority, the baseline last. */
    readonly GuardrailDocument: {
      /** @constant */
      readonly apiVersion: 'v1';
      /** @constant */
      readonly kind: 'List';
      readonly items: readonly components['schemas']['GuardrailObject'][];
    };
    /** @description A Kubernetes List of AdminNetworkPolicies and at most one BaselineAdminNetworkPolicy, in any order. */
    readonly GuardrailDocumentInput: {
      /** @constant */
      readonly apiVersion?: 'v1';
      /** @constant */
      readonly kind?: 'List';
      readonly items: readonly components['schemas']['GuardrailObject'][];
    };
    readonly GuardrailVersion: {
      readonly number: number;
      /** @description sha256 (hex) of the document's canonical JSON. */
      readonly digest: string;
      readonly note: string;
      /** @description Who published it. */
      readonly actor: string;
      /** Format: date-time */
      readonly createdAt: string;
      /** @description Their names, by ascending priority. */
      readonly adminNetworkPolicies: readonly string[];
      /** @description Whether it has a BaselineAdminNetworkPolicy. */
      readonly baseline: boolean;
      readonly document: components['schemas']['GuardrailDocument'];
    };
    readonly GuardrailVersionList: {
      readonly items: readonly components['schemas']['GuardrailVersion'][];
      readonly total: number;
      readonly limit: number;
      readonly offset: number;
    };
    readonly PublishGuardrailsInput: {
      /** @description Why this guardrail version. */
      readonly note?: string;
    };
    readonly GuardrailDenial: {
      /** @description Index of the declared flow in the topology document. */
      readonly flow: number;
      readonly from: string;
      readonly to: string;
      readonly protocol: components['schemas']['Protocol'];
      readonly port: number;
      /**
       * @description The side the guardrail decided.
       * @enum {unknown}
       */
      readonly direction: 'egress' | 'ingress';
      /** @enum {unknown} */
      readonly tier: 'admin' | 'baseline';
      /** @description The AdminNetworkPolicy (or the BaselineAdminNetworkPolicy) name. */
      readonly policy: string;
      /** @description Index of its rule in ingress[] or egress[]. */
      readonly rule: number;
      readonly ruleName?: string;
    };
    readonly PolicyVersion: {
      readonly number: number;
      /** @description sha256 (hex) of the manifests YAML. */
      readonly digest: string;
      readonly policyCount: number;
      readonly note: string;
      /** @description Who published it (`anonymous` until authentication). */
      readonly actor: string;
      /** Format: date-time */
      readonly createdAt: string;
      /** @description Lint and guardrail findings at publish time. */
      readonly findings: readonly components['schemas']['Finding'][];
      /** @description The guardrail version the publish was checked against; null when none was published. */
      readonly guardrailVersion: number | null;
    };
    readonly PolicyVersionList: {
      readonly items: readonly components['schemas']['PolicyVersion'][];
      readonly total: number;
      readonly limit: number;
      readonly offset: number;
    };
    readonly PublishVersionInput: {
      /** @description Why this version; shown in lists and GraphQL. */
      readonly note?: string;
      /**
       * @description Publish even when a guardrail denies a declared flow, recording it as a `guardrail-denies-flow` warning instead of answering 422 `version/guardrail_denied`.
       * @default false
       */
      readonly acceptGuardrailDenials?: boolean;
    };
    readonly Channel: {
      readonly name: components['schemas']['Dns1123Label'];
      readonly version: number;
      readonly digest: string;
      /** Format: date-time */
      readonly updatedAt: string;
    };
    readonly ChannelList: {
      readonly items: readonly components['schemas']['Channel'][];
    };
    readonly SetChannelInput: {
      /** @description A published version number. */
      readonly version: number;
    };
    /** @description A Kubernetes `List` (apiVersion v1) of networking.k8s.io/v1 NetworkPolicies. */
    readonly NetworkPolicyList: {
      /** @constant */
      readonly apiVersion: 'v1';
      /** @constant */
      readonly kind: 'List';
      readonly items: readonly {
        /** @constant */
        readonly apiVersion: 'networking.k8s.io/v1';
        /** @constant */
        readonly kind: 'NetworkPolicy';
        readonly metadata: Record<string, never>;
        readonly spec: Record<string, never>;
      }[];
    };
    readonly DiffConnection: {
      /** @description A component name or an IPv4 range (`a.b.c.d-e.f.g.h`). */
      readonly from: string;
      readonly to: string;
      /** @description `All Connections`, or per protocol the allowed port ranges. */
      readonly conns:
        | 'All Connections'
        | readonly {
            /** @enum {string} */
            readonly protocol: 'TCP' | 'UDP' | 'SCTP';
            readonly ports: readonly (readonly number[])[];
          }[];
    };
    readonly VersionDiff: {
      /** @description The guardrail version both versions' connections were evaluated under; null when none. */
      readonly guardrailVersion: number | null;
      readonly from: number;
      readonly to: number;
      readonly policies: {
        /** @description `namespace/name` of each. */
        readonly added: readonly string[];
        readonly removed: readonly string[];
        readonly changed: readonly {
          readonly name: string;
          /** @description Unified diff of the policy's YAML. */
          readonly diff: string;
        }[];
      };
      readonly connections: {
        readonly added: readonly components['schemas']['DiffConnection'][];
        readonly removed: readonly components['schemas']['DiffConnection'][];
      };
    };
    /** @description Every error answer has exactly this shape. */
    readonly Error: {
      readonly statusCode: number;
      readonly code: components['schemas']['ErrorCode'];
      readonly message: string;
      /** @description Decided by `code` alone. The codes about what the request named carry the offending fields (`FieldProblems`): validation/failed, topology/invalid, namespace/not_owned, namespace/reserved, namespace/taken, application/already_exists, token/already_exists, reachability/unknown_endpoint, reachability/unknown_port, analysis/invalid_manifests, guardrails/invalid; and the `*\/in_use` codes, whose fields are those of the stored topology still using the object (`flows[<id>].to.component`, `components[<name>].namespace`) or the request's own. request/invalid_body carries FieldProblems for a duplicate JSON key, else null. These codes carry an object: topology/precondition_failed and guardrails/precondition_failed (`PreconditionFailedDetails`), version/invalid (`VersionInvalidDetails`), version/conflict and guardrails/conflict (`VersionConflictDetails`), request/rate_limited (`RateLimitedDetails`), version/guardrail_denied (`GuardrailDeniedDetails`). Every other code: null. */
      readonly details:
        | null
        | components['schemas']['FieldProblems']
        | components['schemas']['PreconditionFailedDetails']
        | components['schemas']['VersionInvalidDetails']
        | components['schemas']['VersionConflictDetails']
        | components['schemas']['RateLimitedDetails']
        | components['schemas']['GuardrailDeniedDetails'];
      readonly requestId: string;
    } & (unknown & unknown & unknown & unknown & unknown & unknown & unknown & unknown & unknown & unknown);
    /**
     * @description The codes whose `details` are `FieldProblems`.
     * @enum {string}
     */
    readonly FieldProblemsErrorCode:
      | 'validation/failed'
      | 'topology/invalid'
      | 'namespace/not_owned'
      | 'namespace/reserved'
      | 'namespace/taken'
      | 'namespace/in_use'
      | 'component/in_use'
      | 'external/in_use'
      | 'application/already_exists'
      | 'token/already_exists'
      | 'reachability/unknown_endpoint'
      | 'reachability/unknown_port'
      | 'analysis/invalid_manifests'
      | 'guardrails/invalid';
    /**
     * @description The codes whose `details` are null.
     * @enum {string}
     */
    readonly NoDetailsErrorCode:
      | 'request/unsupported_media_type'
      | 'request/payload_too_large'
      | 'request/body_timeout'
      | 'route/not_found'
      | 'application/not_found'
      | 'component/not_found'
      | 'external/not_found'
      | 'flow/not_found'
      | 'version/not_found'
      | 'channel/not_found'
      | 'guardrails/version_not_found'
      | 'namespace/not_granted'
      | 'auth/unauthenticated'
      | 'auth/forbidden'
      | 'token/not_found'
      | 'database/unavailable'
      | 'service/shutting_down'
      | 'internal';
    /** @description Each offending field, and why. */
    readonly FieldProblems: readonly components['schemas']['FieldProblem'][];
    /** @description The current ETag, for the caller to re-read and retry (topology/precondition_failed). */
    readonly PreconditionFailedDetails: {
      readonly etag: string;
    };
    /** @description What refused the publish (version/invalid). */
    readonly VersionInvalidDetails: {
      readonly findings: readonly components['schemas']['Finding'][];
    };
    /** @description The declared flows a guardrail denies, and the guardrail version checked (version/guardrail_denied). */
    readonly GuardrailDeniedDetails: {
      readonly guardrailVersion: number;
      readonly denied: readonly components['schemas']['GuardrailDenial'][];
    };
    /** @description Why the publish could not commit; nothing was written and the request can be retried (version/conflict, guardrails/conflict). */
    readonly VersionConflictDetails: {
      /** @constant */
      readonly retry: true;
      readonly reason: string;
    };
    /** @description The limit a minute and the seconds until the caller may send again (request/rate_limited). */
    readonly RateLimitedDetails: {
      readonly limit: number;
      readonly retryAfterSeconds: number;
    };
  };
  responses: {
    /** @description No token, a malformed `Authorization` header (it must be `Bearer <token>`), or a token that is unknown, expired or revoked. */
    readonly Unauthenticated: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        /** @description `Bearer realm="flowpolicy"` (RFC 6750). */
        readonly 'www-authenticate': string;
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 401;
          /** @constant */
          readonly code?: 'auth/unauthenticated';
        };
      };
    };
    /** @description The token's role is below the one the operation needs (x-required-role), or the operation needs a token for all applications. */
    readonly Forbidden: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 403;
          /** @constant */
          readonly code?: 'auth/forbidden';
        };
      };
    };
    /** @description No token has this id. */
    readonly TokenNotFound: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @constant */
          readonly code?: 'token/not_found';
        };
      };
    };
    /** @description Done; no body. */
    readonly NoContent: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content?: never;
    };
    /** @description The NetworkPolicies: multi-document YAML (one policy per document, keys sorted, the exact bytes the digest is computed over), or with `Accept: application/json` a Kubernetes `List`. */
    readonly Manifests: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly etag: components['headers']['ETag'];
        readonly 'cache-control': components['headers']['CacheControl'];
        readonly vary: components['headers']['Vary'];
        readonly [name: string]: unknown;
      };
      content: {
        /**
         * @example apiVersion: networking.k8s.io/v1
         *     kind: NetworkPolicy
         *     metadata:
         *       labels:
         *         app.kubernetes.io/managed-by: flowpolicy
         *         flowpolicy.io/application: shop
         *       name: shop-db
         *       namespace: shop
         *     spec: ...
         */
        readonly 'application/yaml': unknown;
        readonly 'application/json': components['schemas']['NetworkPolicyList'];
      };
    };
    /** @description The caller's copy (If-None-Match) is current; no body. */
    readonly NotModified: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly etag: components['headers']['ETag'];
        readonly 'cache-control': components['headers']['CacheControl'];
        readonly [name: string]: unknown;
      };
      content?: never;
    };
    /** @description No such version (or, for `latest`, none is published yet). */
    readonly VersionNotFound: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @enum {unknown} */
          readonly code?: 'version/not_found' | 'application/not_found';
        };
      };
    };
    /** @description No such channel. */
    readonly ChannelNotFound: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @enum {unknown} */
          readonly code?: 'channel/not_found' | 'application/not_found';
        };
      };
    };
    /** @description The stored topology cannot be published: lint found errors, or the engine refused the topology. `details.findings` lists them. Nothing was written. */
    readonly VersionInvalid: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 422;
          /** @constant */
          readonly code?: 'version/invalid';
          readonly details?: components['schemas']['VersionInvalidDetails'];
        };
      };
    };
    /** @description The stored topology cannot be published: lint found errors, or the engine refused the topology (`version/invalid`, `details.findings`); or a guardrail denies a declared flow (`version/guardrail_denied`, `details.denied` names each flow, policy and rule, and `details.guardrailVersion` the guardrail version). Nothing was written. */
    readonly PublishRefused: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 422;
          /** @enum {unknown} */
          readonly code?: 'version/invalid' | 'version/guardrail_denied';
          readonly details?:
            components['schemas']['VersionInvalidDetails'] | components['schemas']['GuardrailDeniedDetails'];
        };
      };
    };
    /** @description The publish could not commit: the topology changed during each attempt, concurrent publishes kept conflicting, or the transaction expired on a busy machine. Nothing was written; retry the request. */
    readonly VersionConflict: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 409;
          /** @constant */
          readonly code?: 'version/conflict';
        };
      };
    };
    /** @description No route has this path and method (any path or method not in this document answers so). */
    readonly RouteNotFound: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @constant */
          readonly code?: 'route/not_found';
        };
      };
    };
    /** @description A path or query parameter is not valid (`validation/failed`; details name each field). */
    readonly BadRequest: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 400;
          /** @constant */
          readonly code?: 'validation/failed';
          readonly details?: components['schemas']['FieldProblems'];
        };
      };
    };
    /** @description A parameter or the body is not valid (`validation/failed`, details name each field and why), or the body could not be parsed (`request/invalid_body`). Nothing was written. */
    readonly BadRequestBody: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 400;
          /** @enum {unknown} */
          readonly code?: 'validation/failed' | 'request/invalid_body';
          readonly details?: null | components['schemas']['FieldProblems'];
        };
      };
    };
    /** @description No such application. */
    readonly ApplicationNotFound: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @constant */
          readonly code?: 'application/not_found';
        };
      };
    };
    /** @description No such application, or no such component in it. */
    readonly ComponentNotFound: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @enum {unknown} */
          readonly code?: 'application/not_found' | 'component/not_found';
        };
      };
    };
    /** @description No such application, or no such external in it. */
    readonly ExternalNotFound: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @enum {unknown} */
          readonly code?: 'application/not_found' | 'external/not_found';
        };
      };
    };
    /** @description No such application, or no such flow in it. */
    readonly FlowNotFound: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @enum {unknown} */
          readonly code?: 'application/not_found' | 'flow/not_found';
        };
      };
    };
    /** @description An application with this name exists (`application/already_exists`), or another application owns a namespace asked for and `shared: true` was not said (`namespace/taken`). */
    readonly ApplicationOrNamespaceTaken: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 409;
          /** @enum {unknown} */
          readonly code?: 'application/already_exists' | 'namespace/taken';
        };
      };
    };
    /** @description Another application owns the namespace and `shared: true` was not said, or the namespace is shared by other applications and `shared: false` would take it from them. Nothing was written. */
    readonly NamespaceTaken: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 409;
          /** @constant */
          readonly code?: 'namespace/taken';
        };
      };
    };
    /** @description The namespace is reserved (kube-system, kube-public, kube-node-lease, the service's own) and `reserved: true` was not said. Nothing was written. */
    readonly NamespaceReserved: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 422;
          /** @constant */
          readonly code?: 'namespace/reserved';
          readonly details?: readonly components['schemas']['FieldProblem'][];
        };
      };
    };
    /** @description The application does not own the namespace named by the field in `details`. Nothing was written. */
    readonly NamespaceNotOwned: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 422;
          /** @constant */
          readonly code?: 'namespace/not_owned';
          readonly details?: readonly components['schemas']['FieldProblem'][];
        };
      };
    };
    /** @description No such application, or it does not own the namespace. */
    readonly NamespaceNotGranted: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @enum {unknown} */
          readonly code?: 'application/not_found' | 'namespace/not_granted';
        };
      };
    };
    /** @description The namespace is the application's default namespace (`details` names `namespace`), or holds components of it (`details` names each, `components[<name>].namespace`). Change or move them first. */
    readonly NamespaceInUse: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 409;
          /** @constant */
          readonly code?: 'namespace/in_use';
        };
      };
    };
    /** @description The topology would not be valid with this change (`topology/invalid`: a flow end that does not exist, a port name the destination does not have, a duplicate name...), or a component would live in a namespace the application does not own (`namespace/not_owned`). Details carry one problem each. Nothing was written. */
    readonly ComponentRefused: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 422;
          /** @enum {unknown} */
          readonly code?: 'topology/invalid' | 'namespace/not_owned';
          readonly details?: readonly components['schemas']['FieldProblem'][];
        };
      };
    };
    /** @description A token with this name exists (or existed; revoked tokens keep their names). */
    readonly TokenExists: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 409;
          /** @constant */
          readonly code?: 'token/already_exists';
        };
      };
    };
    /** @description Flows use the component; `details` names each, e.g. `flows[<id>].to.component`. Delete or change them first. */
    readonly ComponentInUse: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 409;
          /** @constant */
          readonly code?: 'component/in_use';
        };
      };
    };
    /** @description Flows use the external; `details` names each, e.g. `flows[<id>].to.external`. Delete or change them first. */
    readonly ExternalInUse: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 409;
          /** @constant */
          readonly code?: 'external/in_use';
        };
      };
    };
    /** @description Too many requests from this caller (one accepted bearer token, or one client address without one) in the current minute (RATE_LIMIT_PER_MINUTE, default 600). Retry after `Retry-After` seconds. */
    readonly RateLimited: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly 'retry-after': components['headers']['RetryAfter'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 429;
          /** @constant */
          readonly code?: 'request/rate_limited';
        };
      };
    };
    /** @description The body did not arrive within BODY_TIMEOUT_MS (30 s by default) of the request; the connection is closed. */
    readonly BodyTimeout: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 408;
          /** @constant */
          readonly code?: 'request/body_timeout';
        };
      };
    };
    /** @description The body is larger than 10 MiB, or holds more than 200,000 values (JSON, or YAML once its aliases are expanded), or YAML of more than 100 aliases or 250,000 tokens. */
    readonly PayloadTooLarge: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 413;
          /** @constant */
          readonly code?: 'request/payload_too_large';
        };
      };
    };
    /** @description The body's content type is not one this operation accepts. */
    readonly UnsupportedMediaType: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 415;
          /** @constant */
          readonly code?: 'request/unsupported_media_type';
        };
      };
    };
    /** @description The topology would not be valid with this change (a flow end that does not exist, a port name the destination does not have, a duplicate name...). Details carry one problem each, with a stable `code`. Nothing was written. */
    readonly TopologyInvalid: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 422;
          /** @constant */
          readonly code?: 'topology/invalid';
          readonly details?: readonly components['schemas']['FieldProblem'][];
        };
      };
    };
    /** @description `If-Match` does not match the stored topology: someone changed it since it was read. Nothing was written; `details.etag` is the current ETag (GET the document, reapply the edit, PUT again). */
    readonly TopologyPreconditionFailed: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 412;
          /** @constant */
          readonly code?: 'topology/precondition_failed';
          readonly details?: components['schemas']['PreconditionFailedDetails'];
        };
      };
    };
    /** @description `If-Match` does not match the stored guardrail document: someone changed it since it was read. Nothing was written; `details.etag` is the current ETag. */
    readonly GuardrailsPreconditionFailed: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 412;
          /** @constant */
          readonly code?: 'guardrails/precondition_failed';
          readonly details?: components['schemas']['PreconditionFailedDetails'];
        };
      };
    };
    /** @description An object of the document is not a valid AdminNetworkPolicy or BaselineAdminNetworkPolicy, or the set is not (two AdminNetworkPolicies with one priority, more than one baseline). Details carry one problem each, naming the item and field (`items[1].spec.priority`). Nothing was written. */
    readonly GuardrailsInvalid: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 422;
          /** @constant */
          readonly code?: 'guardrails/invalid';
          readonly details?: readonly components['schemas']['FieldProblem'][];
        };
      };
    };
    /** @description No such guardrail version (or, for `latest`, none is published yet). */
    readonly GuardrailVersionNotFound: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @constant */
          readonly code?: 'guardrails/version_not_found';
        };
      };
    };
    /** @description Concurrent guardrail publishes kept conflicting. Nothing was written; retry the request. */
    readonly GuardrailsConflict: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 409;
          /** @constant */
          readonly code?: 'guardrails/conflict';
          readonly details?: components['schemas']['VersionConflictDetails'];
        };
      };
    };
    /** @description An unexpected error; the body carries only the request id to quote. */
    readonly Internal: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 500;
          /** @constant */
          readonly code?: 'internal';
        };
      };
    };
    /** @description The database is unavailable or did not answer in time; retry shortly. */
    readonly DatabaseUnavailable: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 503;
          /** @constant */
          readonly code?: 'database/unavailable';
        };
      };
    };
    /** @description Not ready: the database is unavailable or did not answer in time, or the service is shutting down; send requests elsewhere or retry shortly. */
    readonly NotReady: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 503;
          /** @enum {unknown} */
          readonly code?: 'database/unavailable' | 'service/shutting_down';
        };
      };
    };
    /** @description No such application, no such published version (`latest` with nothing published), or no such guardrail version (`guardrails=`). */
    readonly AnalyzedVersionNotFound: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 404;
          /** @enum {unknown} */
          readonly code?: 'application/not_found' | 'version/not_found' | 'guardrails/version_not_found';
        };
      };
    };
    /** @description `from` or `to` names nothing in the version or the manifests (`reachability/unknown_endpoint`), or the port name is not a port of the destination (`reachability/unknown_port`); details name the field. Or, for the draft, the topology cannot be generated (`version/invalid`). */
    readonly ReachabilityUnresolved: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 422;
          /** @enum {unknown} */
          readonly code?: 'reachability/unknown_endpoint' | 'reachability/unknown_port' | 'version/invalid';
        };
      };
    };
    /** @description A parameter or the body is not valid (`validation/failed`, details name each field), the body could not be parsed (`request/invalid_body`), or the manifests are not valid Kubernetes objects (`analysis/invalid_manifests`: the message names the document, 1-based, e.g. `request body: document 2: ...`; too many YAML aliases are refused the same way). */
    readonly ManifestsInvalid: {
      headers: {
        readonly 'x-request-id': components['headers']['RequestId'];
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'] & {
          /** @constant */
          readonly statusCode?: 400;
          /** @enum {unknown} */
          readonly code?: 'validation/failed' | 'request/invalid_body' | 'analysis/invalid_manifests';
        };
      };
    };
  };
  parameters: {
    /** @description Whether an ipBlock also matches pods by their IPs (used with a YAML body; a JSON body's field wins). */
    readonly AnalysisPodIps: components['schemas']['AnalysisPodIps'];
    /** @description Whether the network plugin enforces NetworkPolicy (used with a YAML body; a JSON body's field wins). */
    readonly AnalysisEnforcement: components['schemas']['AnalysisEnforcement'];
    /** @description The application's name (DNS-1123 label). */
    readonly App: components['schemas']['Dns1123Label'];
    /** @description A version number (1, 2, ...) or `latest`. */
    readonly Version: components['schemas']['VersionRef'];
    /** @description The channel's name (DNS-1123 label), e.g. `production`. */
    readonly Channel: components['schemas']['Dns1123Label'];
    /** @description The topology ETag the edit was based on (or `*`); the PUT is refused with 412 when the stored document has another. Strong comparison: a weak tag never matches. */
    readonly IfMatch: string;
    /** @description The guardrails ETag the edit was based on (or `*`); the PUT is refused with 412 when the stored document has another. Strong comparison: a weak tag never matches. */
    readonly GuardrailsIfMatch: string;
    /** @description ETags the caller holds; when one matches, the answer is 304 with no body. */
    readonly IfNoneMatch: string;
    /** @description Which guardrails (AdminNetworkPolicies and the baseline, `/v1/guardrails/versions`) the policies are evaluated under: a guardrail version number, `latest` (the default; none while nothing is published) or `none`. */
    readonly AnalyzedGuardrails: string;
    /** @description Which policies: a version number, `latest` or `draft` (what a publish would produce now). Default: the latest published version, or the draft while nothing is published. */
    readonly AnalyzedVersion: string;
    /** @description Only connections from this peer: `component:<name>` (or just the name), `namespace:<name>` or `workload:<namespace>/<name>[<Kind>]`. An unknown prefix is a 400, a name that matches nothing a 422 (`reachability/unknown_endpoint`); both name the field. */
    readonly ConnectivityFrom: string;
    /** @description Only connections to this peer; the same forms as `from`. */
    readonly ConnectivityTo: string;
    /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
    readonly RequestId: string;
  };
  requestBodies: never;
  headers: {
    /** @description Seconds until the caller's rate-limit window resets. */
    readonly RetryAfter: number;
    /** @description The request's id (the caller's `x-request-id` when valid, else a generated UUID). */
    readonly RequestId: string;
    /** @description Strong ETag of the representation: `"<digest>"` for YAML, `"<digest>-json"` for JSON, where digest is the sha256 (hex) of the canonical YAML. */
    readonly ETag: string;
    /** @description Strong ETag of the topology document: `"<sha256 hex of its canonical JSON>"` (keys sorted), the same for the JSON and YAML representations. */
    readonly TopologyETag: string;
    /** @description Strong ETag of the guardrail document: `"<sha256 hex of its canonical JSON>"` (keys sorted), the same for the JSON and YAML representations. */
    readonly GuardrailsETag: string;
    /** @description `private, max-age=31536000, immutable` for a numbered version; `private, no-cache` for `latest`, a channel and the draft. `private`: every answer needs a token and depends on it, so a shared cache (CDN, proxy) must not store it and replay it to another caller; the caller's own cache may. */
    readonly CacheControl: 'private, max-age=31536000, immutable' | 'private, no-cache';
    /** @description The answer depends on the representation asked for and on the caller's token. */
    readonly Vary: 'Accept, Authorization';
  };
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  readonly listApplications: {
    readonly parameters: {
      readonly query?: {
        /** @description At most this many (1-500, default 100). */
        readonly limit?: number;
        /** @description Skip this many, in name order. */
        readonly offset?: number;
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description One page of applications. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ApplicationList'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly createApplication: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['CreateApplication'];
      };
    };
    readonly responses: {
      /** @description Created. */
      readonly 201: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Application'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 409: components['responses']['ApplicationOrNamespaceTaken'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['NamespaceReserved'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getApplication: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The application. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Application'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly deleteApplication: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      readonly 204: components['responses']['NoContent'];
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly updateApplication: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['UpdateApplication'];
      };
    };
    readonly responses: {
      /** @description The changed application. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Application'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['NamespaceNotOwned'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly listOwnedNamespaces: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The application's namespaces (as in `Application.ownedNamespaces`). */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['OwnedNamespaceList'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly grantNamespace: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The namespace (DNS-1123 label). */
        readonly namespace: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: {
      readonly content: {
        readonly 'application/json': components['schemas']['NamespaceGrantBody'];
      };
    };
    readonly responses: {
      /** @description The grant existed; it is now as asked (and no longer in conflict). */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['OwnedNamespace'];
        };
      };
      /** @description Granted. */
      readonly 201: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['OwnedNamespace'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 409: components['responses']['NamespaceTaken'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['NamespaceReserved'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly revokeNamespace: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The namespace (DNS-1123 label). */
        readonly namespace: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      readonly 204: components['responses']['NoContent'];
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['NamespaceNotGranted'];
      readonly 409: components['responses']['NamespaceInUse'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly listNamespaces: {
    readonly parameters: {
      readonly query?: {
        /** @description `true`: only namespaces with a grant in conflict; `false`: only those without. */
        readonly conflict?: 'true' | 'false';
        /** @description At most this many (1-500, default 100). */
        readonly limit?: number;
        /** @description Skip this many, in name order. */
        readonly offset?: number;
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description One page of owned namespaces. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['NamespaceOwnershipList'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly listComponents: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The components. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ComponentList'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getComponent: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The component's name (DNS-1123 label). */
        readonly component: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The component. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Component'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ComponentNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly putComponent: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The component's name (DNS-1123 label). */
        readonly component: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['ComponentInput'];
      };
    };
    readonly responses: {
      /** @description Replaced. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Component'];
        };
      };
      /** @description Created. */
      readonly 201: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Component'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['ComponentRefused'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly deleteComponent: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The component's name (DNS-1123 label). */
        readonly component: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      readonly 204: components['responses']['NoContent'];
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ComponentNotFound'];
      readonly 409: components['responses']['ComponentInUse'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly listExternals: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The externals. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ExternalList'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getExternal: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The external's name (DNS-1123 label). */
        readonly external: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The external. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['External'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ExternalNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly putExternal: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The external's name (DNS-1123 label). */
        readonly external: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['ExternalInput'];
      };
    };
    readonly responses: {
      /** @description Replaced. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['External'];
        };
      };
      /** @description Created. */
      readonly 201: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['External'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['TopologyInvalid'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly deleteExternal: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The external's name (DNS-1123 label). */
        readonly external: components['schemas']['Dns1123Label'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      readonly 204: components['responses']['NoContent'];
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ExternalNotFound'];
      readonly 409: components['responses']['ExternalInUse'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly listFlows: {
    readonly parameters: {
      readonly query?: {
        /** @description Only flows from this component or external. */
        readonly from?: components['schemas']['Dns1123Label'];
        /** @description Only flows to this component or external. */
        readonly to?: components['schemas']['Dns1123Label'];
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The flows. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['FlowList'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly createFlow: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['FlowInput'];
      };
    };
    readonly responses: {
      /** @description Created. */
      readonly 201: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Flow'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['TopologyInvalid'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getFlow: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The flow's id (a UUID; any other string is simply not found). */
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The flow. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Flow'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['FlowNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly deleteFlow: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The flow's id (a UUID; any other string is simply not found). */
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      readonly 204: components['responses']['NoContent'];
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['FlowNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getReachability: {
    readonly parameters: {
      readonly query: {
        readonly from: components['schemas']['ReachabilityEnd'];
        readonly to: components['schemas']['ReachabilityEnd'];
        /** @description A port number (1-65535) or a port name of the destination component. */
        readonly port: string;
        readonly protocol?: components['schemas']['Protocol'];
        /** @description Which policies: a version number, `latest` or `draft` (what a publish would produce now). Default: the latest published version, or the draft while nothing is published. */
        readonly version?: components['parameters']['AnalyzedVersion'];
        /** @description Which guardrails (AdminNetworkPolicies and the baseline, `/v1/guardrails/versions`) the policies are evaluated under: a guardrail version number, `latest` (the default; none while nothing is published) or `none`. */
        readonly guardrails?: components['parameters']['AnalyzedGuardrails'];
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The verdict, with the reason on each side. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Reachability'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['AnalyzedVersionNotFound'];
      readonly 422: components['responses']['ReachabilityUnresolved'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getConnectivity: {
    readonly parameters: {
      readonly query?: {
        /** @description Which policies: a version number, `latest` or `draft` (what a publish would produce now). Default: the latest published version, or the draft while nothing is published. */
        readonly version?: components['parameters']['AnalyzedVersion'];
        /** @description Which guardrails (AdminNetworkPolicies and the baseline, `/v1/guardrails/versions`) the policies are evaluated under: a guardrail version number, `latest` (the default; none while nothing is published) or `none`. */
        readonly guardrails?: components['parameters']['AnalyzedGuardrails'];
        /** @description Only connections from this peer: `component:<name>` (or just the name), `namespace:<name>` or `workload:<namespace>/<name>[<Kind>]`. An unknown prefix is a 400, a name that matches nothing a 422 (`reachability/unknown_endpoint`); both name the field. */
        readonly from?: components['parameters']['ConnectivityFrom'];
        /** @description Only connections to this peer; the same forms as `from`. */
        readonly to?: components['parameters']['ConnectivityTo'];
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The connectivity. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ApplicationConnectivity'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['AnalyzedVersionNotFound'];
      readonly 422: components['responses']['ReachabilityUnresolved'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly postDrift: {
    readonly parameters: {
      readonly query?: {
        /** @description Which policies: a version number, `latest` or `draft` (what a publish would produce now). Default: the latest published version, or the draft while nothing is published. */
        readonly version?: components['parameters']['AnalyzedVersion'];
        /** @description Which guardrails (AdminNetworkPolicies and the baseline, `/v1/guardrails/versions`) the policies are evaluated under: a guardrail version number, `latest` (the default; none while nothing is published) or `none`. */
        readonly guardrails?: components['parameters']['AnalyzedGuardrails'];
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['ManifestsInput'];
        readonly 'application/yaml': string;
        readonly 'application/x-yaml': string;
        readonly 'text/yaml': string;
      };
    };
    readonly responses: {
      /** @description The drift. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Drift'];
        };
      };
      readonly 400: components['responses']['ManifestsInvalid'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['AnalyzedVersionNotFound'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['VersionInvalid'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly analyzeConnectivity: {
    readonly parameters: {
      readonly query?: {
        /** @description Whether an ipBlock also matches pods by their IPs (used with a YAML body; a JSON body's field wins). */
        readonly podIps?: components['parameters']['AnalysisPodIps'];
        /** @description Whether the network plugin enforces NetworkPolicy (used with a YAML body; a JSON body's field wins). */
        readonly enforcement?: components['parameters']['AnalysisEnforcement'];
        /** @description Only connections from this peer: `component:<name>` (or just the name), `namespace:<name>` or `workload:<namespace>/<name>[<Kind>]`. An unknown prefix is a 400, a name that matches nothing a 422 (`reachability/unknown_endpoint`); both name the field. */
        readonly from?: components['parameters']['ConnectivityFrom'];
        /** @description Only connections to this peer; the same forms as `from`. */
        readonly to?: components['parameters']['ConnectivityTo'];
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['ManifestsConnectivityInput'];
        readonly 'application/yaml': string;
        readonly 'application/x-yaml': string;
        readonly 'text/yaml': string;
      };
    };
    readonly responses: {
      /** @description The connectivity. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ManifestsConnectivity'];
        };
      };
      readonly 400: components['responses']['ManifestsInvalid'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['ReachabilityUnresolved'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
    };
  };
  readonly analyzeReachability: {
    readonly parameters: {
      readonly query?: {
        /** @description Whether an ipBlock also matches pods by their IPs (used with a YAML body; a JSON body's field wins). */
        readonly podIps?: components['parameters']['AnalysisPodIps'];
        /** @description Whether the network plugin enforces NetworkPolicy (used with a YAML body; a JSON body's field wins). */
        readonly enforcement?: components['parameters']['AnalysisEnforcement'];
        readonly from?: string;
        readonly to?: string;
        readonly port?: string;
        readonly protocol?: components['schemas']['Protocol'];
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['ManifestsReachabilityInput'];
        readonly 'application/yaml': string;
        readonly 'application/x-yaml': string;
        readonly 'text/yaml': string;
      };
    };
    readonly responses: {
      /** @description The verdict. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ManifestsReachability'];
        };
      };
      readonly 400: components['responses']['ManifestsInvalid'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['ReachabilityUnresolved'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
    };
  };
  readonly getTopology: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The topology document. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly etag: components['headers']['TopologyETag'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['TopologyDocument'];
          readonly 'application/yaml': components['schemas']['TopologyDocument'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly putTopology: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
        /** @description The topology ETag the edit was based on (or `*`); the PUT is refused with 412 when the stored document has another. Strong comparison: a weak tag never matches. */
        readonly 'if-match'?: components['parameters']['IfMatch'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['TopologyDocumentInput'];
        readonly 'application/yaml': components['schemas']['TopologyDocumentInput'];
        readonly 'application/x-yaml': components['schemas']['TopologyDocumentInput'];
        readonly 'text/yaml': components['schemas']['TopologyDocumentInput'];
      };
    };
    readonly responses: {
      /** @description The stored topology document. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly etag: components['headers']['TopologyETag'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['TopologyDocument'];
          readonly 'application/yaml': components['schemas']['TopologyDocument'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 412: components['responses']['TopologyPreconditionFailed'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['ComponentRefused'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly listVersions: {
    readonly parameters: {
      readonly query?: {
        /** @description At most this many (1-100, default 20). */
        readonly limit?: number;
        /** @description Skip this many, newest first. */
        readonly offset?: number;
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description One page of versions. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['PolicyVersionList'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly publishVersion: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: {
      readonly content: {
        readonly 'application/json': components['schemas']['PublishVersionInput'];
      };
    };
    readonly responses: {
      /** @description Unchanged since the latest version, which is answered. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['PolicyVersion'];
        };
      };
      /** @description Published as a new version. */
      readonly 201: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['PolicyVersion'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 409: components['responses']['VersionConflict'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['PublishRefused'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getVersion: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description A version number (1, 2, ...) or `latest`. */
        readonly v: components['parameters']['Version'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The version. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['PolicyVersion'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['VersionNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly pullVersionManifests: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description ETags the caller holds; when one matches, the answer is 304 with no body. */
        readonly 'if-none-match'?: components['parameters']['IfNoneMatch'];
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description A version number (1, 2, ...) or `latest`. */
        readonly v: components['parameters']['Version'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      readonly 200: components['responses']['Manifests'];
      readonly 304: components['responses']['NotModified'];
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['VersionNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly diffVersions: {
    readonly parameters: {
      readonly query?: {
        /** @description Which guardrails (AdminNetworkPolicies and the baseline, `/v1/guardrails/versions`) the policies are evaluated under: a guardrail version number, `latest` (the default; none while nothing is published) or `none`. */
        readonly guardrails?: components['parameters']['AnalyzedGuardrails'];
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description A version number (1, 2, ...) or `latest`. */
        readonly v: components['parameters']['Version'];
        /** @description The version to compare with (a positive integer or `latest`). */
        readonly other: components['schemas']['VersionRef'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The differences. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['VersionDiff'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['AnalyzedVersionNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly pullDraftManifests: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description ETags the caller holds; when one matches, the answer is 304 with no body. */
        readonly 'if-none-match'?: components['parameters']['IfNoneMatch'];
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      readonly 200: components['responses']['Manifests'];
      readonly 304: components['responses']['NotModified'];
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 422: components['responses']['VersionInvalid'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly listChannels: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Every channel of the application. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ChannelList'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ApplicationNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getChannel: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The channel's name (DNS-1123 label), e.g. `production`. */
        readonly channel: components['parameters']['Channel'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The channel. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Channel'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ChannelNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly setChannel: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The channel's name (DNS-1123 label), e.g. `production`. */
        readonly channel: components['parameters']['Channel'];
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['SetChannelInput'];
      };
    };
    readonly responses: {
      /** @description The channel now points at the version. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Channel'];
        };
      };
      /** @description Created, pointing at the version. */
      readonly 201: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Channel'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['VersionNotFound'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly deleteChannel: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The channel's name (DNS-1123 label), e.g. `production`. */
        readonly channel: components['parameters']['Channel'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      readonly 204: components['responses']['NoContent'];
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ChannelNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly pullChannelManifests: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description ETags the caller holds; when one matches, the answer is 304 with no body. */
        readonly 'if-none-match'?: components['parameters']['IfNoneMatch'];
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The application's name (DNS-1123 label). */
        readonly app: components['parameters']['App'];
        /** @description The channel's name (DNS-1123 label), e.g. `production`. */
        readonly channel: components['parameters']['Channel'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      readonly 200: components['responses']['Manifests'];
      readonly 304: components['responses']['NotModified'];
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['ChannelNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getGuardrails: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The guardrail document. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly etag: components['headers']['GuardrailsETag'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['GuardrailDocument'];
          readonly 'application/yaml': components['schemas']['GuardrailDocument'];
        };
      };
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly putGuardrails: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
        /** @description The guardrails ETag the edit was based on (or `*`); the PUT is refused with 412 when the stored document has another. Strong comparison: a weak tag never matches. */
        readonly 'if-match'?: components['parameters']['GuardrailsIfMatch'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['GuardrailDocumentInput'];
        readonly 'application/yaml': components['schemas']['GuardrailDocumentInput'];
        readonly 'application/x-yaml': components['schemas']['GuardrailDocumentInput'];
        readonly 'text/yaml': components['schemas']['GuardrailDocumentInput'];
      };
    };
    readonly responses: {
      /** @description The stored guardrail document. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly etag: components['headers']['GuardrailsETag'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['GuardrailDocument'];
          readonly 'application/yaml': components['schemas']['GuardrailDocument'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 412: components['responses']['GuardrailsPreconditionFailed'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 422: components['responses']['GuardrailsInvalid'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly listGuardrailVersions: {
    readonly parameters: {
      readonly query?: {
        /** @description At most this many (1-100, default 20). */
        readonly limit?: number;
        /** @description Skip this many, newest first. */
        readonly offset?: number;
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description One page of guardrail versions. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['GuardrailVersionList'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly publishGuardrails: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: {
      readonly content: {
        readonly 'application/json': components['schemas']['PublishGuardrailsInput'];
      };
    };
    readonly responses: {
      /** @description Unchanged since the latest guardrail version, which is answered. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['GuardrailVersion'];
        };
      };
      /** @description Published as a new guardrail version. */
      readonly 201: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['GuardrailVersion'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 409: components['responses']['GuardrailsConflict'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getGuardrailVersion: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description A version number (1, 2, ...) or `latest`. */
        readonly v: components['parameters']['Version'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The guardrail version. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['GuardrailVersion'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['GuardrailVersionNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly listAuditEvents: {
    readonly parameters: {
      readonly query?: {
        /** @description Only events of this application. */
        readonly application?: string;
        /** @description Only events by this actor (a token name, `anonymous` or `system`). */
        readonly actor?: string;
        /** @description Events at or after this instant (ISO 8601). */
        readonly from?: string;
        /** @description Events before this instant (ISO 8601); must be later than `from`. */
        readonly to?: string;
        /** @description At most this many (1-500, default 100). */
        readonly limit?: number;
        /** @description Skip this many, newest first. */
        readonly offset?: number;
        /** @description The previous page's `nextCursor`. */
        readonly cursor?: string;
      };
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description One page of events, newest first. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['AuditEventPage'];
        };
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly listTokens: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The tokens, oldest first. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['TokenList'];
        };
      };
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly createToken: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': components['schemas']['CreateToken'];
      };
    };
    readonly responses: {
      /** @description Created; `token` is the secret. */
      readonly 201: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['CreatedToken'];
        };
      };
      readonly 400: components['responses']['BadRequestBody'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 408: components['responses']['BodyTimeout'];
      readonly 409: components['responses']['TokenExists'];
      readonly 413: components['responses']['PayloadTooLarge'];
      readonly 415: components['responses']['UnsupportedMediaType'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly revokeToken: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path: {
        /** @description The token's id. */
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Revoked (or already revoked). */
      readonly 204: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      readonly 400: components['responses']['BadRequest'];
      readonly 401: components['responses']['Unauthenticated'];
      readonly 403: components['responses']['Forbidden'];
      readonly 404: components['responses']['TokenNotFound'];
      readonly 429: components['responses']['RateLimited'];
      readonly 500: components['responses']['Internal'];
      readonly 503: components['responses']['DatabaseUnavailable'];
    };
  };
  readonly getLiveness: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Alive. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            /** @constant */
            readonly status: 'ok';
          };
        };
      };
    };
  };
  readonly getReadiness: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Ready. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            /** @constant */
            readonly status: 'ok';
            /** @constant */
            readonly database: 'up';
          };
        };
      };
      readonly 503: components['responses']['NotReady'];
    };
  };
  readonly getMetrics: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        /** @description Correlation id echoed in the `x-request-id` answer header and in error bodies. A value not matching the pattern is ignored and a UUID is generated instead. */
        readonly 'x-request-id'?: components['parameters']['RequestId'];
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The metrics of this process. */
      readonly 200: {
        headers: {
          readonly 'x-request-id': components['headers']['RequestId'];
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'text/plain': string;
        };
      };
    };
  };
}
