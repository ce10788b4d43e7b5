-- Saved segments, their members and their size over time (issue 17)
CREATE TABLE "Segment" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "definition" JSONB NOT NULL,
    "size" INTEGER NOT NULL DEFAULT 0,
    "computedAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Segment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Segment_name_key" ON "Segment"("name");

CREATE TABLE "SegmentMember" (
    "segmentId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SegmentMember_pkey" PRIMARY KEY ("segmentId","customerId")
);
CREATE INDEX "SegmentMember_customerId_idx" ON "SegmentMember"("customerId");
ALTER TABLE "SegmentMember" ADD CONSTRAINT "SegmentMember_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "SegmentSize" (
    "segmentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "size" INTEGER NOT NULL,
    CONSTRAINT "SegmentSize_pkey" PRIMARY KEY ("segmentId","at")
);
ALTER TABLE "SegmentSize" ADD CONSTRAINT "SegmentSize_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
