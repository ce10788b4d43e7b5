-- Sales handoff: a team may have a team chat (a Slack-compatible incoming webhook) where its reps
-- hear of new, unassigned and escalated tasks, besides the email to each rep.
ALTER TABLE "SalesTeam" ADD COLUMN "chatWebhookUrl" TEXT;
