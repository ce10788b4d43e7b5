-- Sales handoff: teams, reps (the sales role of a user), tasks and their log
CREATE TABLE "SalesTeam" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "leadUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SalesTeam_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SalesTeam_name_key" ON "SalesTeam"("name");

CREATE TABLE "SalesRep" (
    "userId" TEXT NOT NULL,
    "teamId" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "workStart" TEXT NOT NULL DEFAULT '09:00',
    "workEnd" TEXT NOT NULL DEFAULT '17:00',
    "workDays" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
    "capacity" INTEGER NOT NULL DEFAULT 20,
    "away" BOOLEAN NOT NULL DEFAULT false,
    "territory" JSONB NOT NULL DEFAULT '{}',
    "lastAssignedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SalesRep_pkey" PRIMARY KEY ("userId")
);
ALTER TABLE "SalesRep" ADD CONSTRAINT "SalesRep_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SalesRep" ADD CONSTRAINT "SalesRep_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "SalesTeam"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "SalesTask" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "versionId" TEXT,
    "nodeId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "teamId" TEXT,
    "repUserId" TEXT,
    "title" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "iceBreaker" TEXT NOT NULL DEFAULT '',
    "priority" TEXT NOT NULL DEFAULT 'normal',
    "status" TEXT NOT NULL DEFAULT 'open',
    "outcome" TEXT,
    "callBackAt" TIMESTAMP(3),
    "waits" BOOLEAN NOT NULL DEFAULT false,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "timeoutAt" TIMESTAMP(3),
    "routeReason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstContactAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    CONSTRAINT "SalesTask_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SalesTask_idempotencyKey_key" ON "SalesTask"("idempotencyKey");
CREATE INDEX "SalesTask_repUserId_status_dueAt_idx" ON "SalesTask"("repUserId", "status", "dueAt");
CREATE INDEX "SalesTask_customerId_idx" ON "SalesTask"("customerId");
CREATE INDEX "SalesTask_teamId_status_idx" ON "SalesTask"("teamId", "status");

CREATE TABLE "SalesTaskLog" (
    "id" BIGSERIAL NOT NULL,
    "taskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SalesTaskLog_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SalesTaskLog_taskId_idx" ON "SalesTaskLog"("taskId");
ALTER TABLE "SalesTaskLog" ADD CONSTRAINT "SalesTaskLog_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "SalesTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;
