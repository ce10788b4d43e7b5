-- A journey can be archived: retired from the list (shown on demand), taking no new entries.
-- Archiving stops the customers still inside first (api/src/journeys/lifecycle.ts).
ALTER TYPE "JourneyStatus" ADD VALUE 'archived';
