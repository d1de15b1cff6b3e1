-- v2: one-minute min/mean/max of the samples, kept for two years after the raw samples are gone,
-- and an index so that events of one meter are found without a scan.
CREATE TABLE samples_1min (
    meter         INTEGER NOT NULL REFERENCES meters (key),
    minute        INTEGER NOT NULL, -- start of the minute
    samples       INTEGER NOT NULL,
    power_min     REAL,
    power_mean    REAL,
    power_max     REAL,
    current_r_min  REAL,
    current_r_mean REAL,
    current_r_max  REAL,
    current_t_min  REAL,
    current_t_mean REAL,
    current_t_max  REAL,
    PRIMARY KEY (meter, minute)
) WITHOUT ROWID;

CREATE INDEX events_meter_at ON events (meter, at);
