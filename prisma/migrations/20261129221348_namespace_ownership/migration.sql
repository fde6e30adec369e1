-- CreateTable
CREATE TABLE "Namespace" (
    "name" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Namespace_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "NamespaceGrant" (
    "applicationId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL,
    "exclusiveKey" TEXT NOT NULL,
    "conflict" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NamespaceGrant_pkey" PRIMARY KEY ("applicationId","namespace")
);

-- CreateIndex
CREATE UNIQUE INDEX "Namespace_name_shared_key" ON "Namespace"("name", "shared");

-- CreateIndex
CREATE UNIQUE INDEX "NamespaceGrant_namespace_exclusiveKey_key" ON "NamespaceGrant"("namespace", "exclusiveKey");

-- AddForeignKey
ALTER TABLE "NamespaceGrant" ADD CONSTRAINT "NamespaceGrant_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NamespaceGrant" ADD CONSTRAINT "NamespaceGrant_namespace_shared_fkey" FOREIGN KEY ("namespace", "shared") REFERENCES "Namespace"("name", "shared") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- The grants of a namespace agree with it on `shared` (the foreign key above). Here, an exclusive
-- grant has exclusiveKey "" (so a second one violates the unique index) and a shared one the id of
-- its application. The Prisma schema cannot say this, and Prisma leaves CHECK constraints alone.
-- (No semicolons or apostrophes in these comments: on Postgres the migration is split into
-- statements at every semicolon, comments included.)
ALTER TABLE "NamespaceGrant" ADD CONSTRAINT "NamespaceGrant_exclusiveKey_check"
  CHECK (("shared" AND "exclusiveKey" = "applicationId"::text) OR (NOT "shared" AND "exclusiveKey" = ''));

-- Ownership of what exists: each application owns its default namespace and every namespace its
-- components use. Where several applications use one namespace, or one uses a reserved namespace
-- (kube-system, kube-public, kube-node-lease, and flowpolicy, the own namespace of the service in deploy/), the
-- migration does not fail: those grants are shared and marked `conflict`, they keep working, and
-- GET /v1/namespaces?conflict=true lists them for an admin to decide.
INSERT INTO "Namespace" ("name", "shared")
SELECT u."namespace", count(*) > 1
FROM (
  SELECT "id" AS "applicationId", "defaultNamespace" AS "namespace" FROM "Application"
  UNION
  SELECT "applicationId", "namespace" FROM "Component"
) u
GROUP BY u."namespace";

INSERT INTO "NamespaceGrant" ("applicationId", "namespace", "shared", "exclusiveKey", "conflict")
SELECT u."applicationId", u."namespace", n."shared",
  CASE WHEN n."shared" THEN u."applicationId"::text ELSE '' END,
  n."shared" OR u."namespace" IN ('kube-system', 'kube-public', 'kube-node-lease', 'flowpolicy')
FROM (
  SELECT "id" AS "applicationId", "defaultNamespace" AS "namespace" FROM "Application"
  UNION
  SELECT "applicationId", "namespace" FROM "Component"
) u
JOIN "Namespace" n ON n."name" = u."namespace";
