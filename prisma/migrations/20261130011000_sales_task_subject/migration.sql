-- The ice-breaker email subject, rendered with the task
ALTER TABLE "SalesTask" ADD COLUMN "iceBreakerSubject" TEXT NOT NULL DEFAULT 'A personal note';
