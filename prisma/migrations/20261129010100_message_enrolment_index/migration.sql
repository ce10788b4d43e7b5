-- A conversion records the enrolment's last message sent: found through this index, not a scan
-- of every message (the goal's progress call and the results' observation look it up).
CREATE INDEX "Message_enrolmentId_createdAt_idx" ON "Message"("enrolmentId", "createdAt");
