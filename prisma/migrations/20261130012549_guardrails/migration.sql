-- AlterTable
ALTER TABLE "PolicyVersion" ADD COLUMN     "guardrailVersion" INTEGER;

-- CreateTable
CREATE TABLE "GuardrailDocument" (
    "id" TEXT NOT NULL DEFAULT 'cluster',
    "document" JSONB NOT NULL,
    "digest" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GuardrailDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuardrailVersion" (
    "id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "digest" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuardrailVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GuardrailVersion_number_key" ON "GuardrailVersion"("number");

-- One guardrail document per cluster: Prisma cannot say this, so it is kept by hand, like the NamespaceGrant check.
ALTER TABLE "GuardrailDocument" ADD CONSTRAINT "GuardrailDocument_singleton_check" CHECK ("id" = 'cluster');
