-- v4: the latest link figures of each meter, from the monitor's counters (every few minutes and when a session
-- ends), for 'broute status': the radio (LQI of the meter's frames and of the scan that found it), how often
-- requests had to be sent again, and how much of the hour's transmit budget is used. One row per meter, replaced
-- each time; the counters count from the start of the session (connected_at).
CREATE TABLE link_quality (
    meter              INTEGER PRIMARY KEY REFERENCES meters (key),
    at                 INTEGER NOT NULL, -- when the monitor took the figures
    connected_at       INTEGER,          -- when the session they count from came up
    meter_frames       INTEGER NOT NULL, -- ERXUDP from the meter
    frames_with_lqi    INTEGER NOT NULL, -- of those, the ones whose ERXUDP carried an RSSI/LQI byte
    last_lqi           INTEGER,          -- raw byte (0.275 × LQI − 104.27 dBm)
    min_lqi            INTEGER,
    max_lqi            INTEGER,
    mean_lqi           REAL,
    scan_lqi           INTEGER,          -- the meter's EPANDESC LQI
    scan_lqi_source    TEXT,             -- 'scan' or 'pan_cache'
    scan_lqi_at        INTEGER,
    requests           INTEGER NOT NULL,
    resends            INTEGER NOT NULL,
    reply_timeouts     INTEGER NOT NULL,
    requests_given_up  INTEGER NOT NULL,
    frames_dropped     INTEGER NOT NULL, -- stale, duplicate, foreign …
    reauthentications  INTEGER NOT NULL,
    reconnects         INTEGER NOT NULL, -- by the monitor, since it started
    air_time_ms        INTEGER NOT NULL, -- transmit time used in the last hour
    air_time_limit_ms  INTEGER           -- where the budget stops sending
) WITHOUT ROWID;
