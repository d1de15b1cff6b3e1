-- v3: a change sequence per meter on half-hours and the publishers' cursors, so that a publisher
-- (MQTT after a broker outage) resumes exactly after the last half-hour it sent. Rows stored before
-- v3 are numbered in the order they were first stored.
ALTER TABLE half_hours ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;

UPDATE half_hours
SET seq = numbered.n
FROM (SELECT meter, slot_end, ROW_NUMBER() OVER (PARTITION BY meter ORDER BY first_stored, slot_end) AS n
      FROM half_hours) AS numbered
WHERE numbered.meter = half_hours.meter AND numbered.slot_end = half_hours.slot_end;

CREATE UNIQUE INDEX half_hours_seq ON half_hours (meter, seq);

CREATE TABLE cursors (
    consumer TEXT NOT NULL,
    meter    INTEGER NOT NULL REFERENCES meters (key),
    seq      INTEGER NOT NULL,
    updated  INTEGER NOT NULL,
    PRIMARY KEY (consumer, meter)
) WITHOUT ROWID;
