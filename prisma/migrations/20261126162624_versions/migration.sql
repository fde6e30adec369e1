-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "manifests" TEXT NOT NULL,
    "policyCount" INTEGER NOT NULL,
    "topology" JSONB NOT NULL,
    "findings" JSONB NOT NULL,
    "actor" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Channel" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "versionId" UUID NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PolicyVersion_applicationId_digest_idx" ON "PolicyVersion"("applicationId", "digest");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_applicationId_number_key" ON "PolicyVersion"("applicationId", "number");

-- CreateIndex
CREATE INDEX "Channel_versionId_idx" ON "Channel"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "Channel_applicationId_name_key" ON "Channel"("applicationId", "name");

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PolicyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
