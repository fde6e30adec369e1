-- Token names become unique (revoked tokens included: the audit log names a token's actions by its
-- name), and bootstrap, anonymous and system are left to the service's own actors. Existing data
-- must not make this fail, so it is made to fit first, deterministically:
--
-- 1. Earlier versions kept every secret FLOWPOLICY_ADMIN_TOKEN ever had valid, each as a token named
--    "bootstrap". All but the newest of them are revoked now (the next start re-validates whichever
--    one the variable holds, and revokes the others).
UPDATE "ApiToken" AS t
SET "revokedAt" = CURRENT_TIMESTAMP
FROM (
    SELECT "id", row_number() OVER (ORDER BY "createdAt" DESC, "id" DESC) AS "rank"
    FROM "ApiToken"
    WHERE "name" = 'bootstrap'
) AS older
WHERE older."id" = t."id" AND older."rank" > 1 AND t."revokedAt" IS NULL;

-- 2. Of the tokens sharing a name, one keeps it: an unrevoked one before a revoked one, then the
--    newest (then the highest id). Each other becomes "<name>-<its id>", which no other token can hold.
UPDATE "ApiToken" AS t
SET "name" = t."name" || '-' || t."id"::text
FROM (
    SELECT "id", row_number() OVER (
        PARTITION BY "name" ORDER BY ("revokedAt" IS NULL) DESC, "createdAt" DESC, "id" DESC
    ) AS "rank"
    FROM "ApiToken"
) AS duplicate
WHERE duplicate."id" = t."id" AND duplicate."rank" > 1;

-- 3. A token a person named "anonymous" or "system" would pass for those actors in the audit log.
UPDATE "ApiToken" SET "name" = "name" || '-' || "id"::text WHERE "name" IN ('anonymous', 'system');

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_name_key" ON "ApiToken"("name");
