-- Sales handoff: the branch a waiting journey took from the task (the rep outcome, or timeout).
-- An outcome recorded after the timeout is kept on the task, and the page says the journey had moved on.
ALTER TABLE "SalesTask" ADD COLUMN "journeyBranch" TEXT;
