-- v1: the core tables. Times are Unix milliseconds (UTC); kWh are exact decimal text (never floating point);
-- statuses are 'ok', 'no_data' or 'not_supported', NULL when the source did not carry the value.
PRAGMA application_id = 1112698740; -- 0x42526F74 "BRot": marks the file as a BRoute store

CREATE TABLE meters (
    key                   INTEGER PRIMARY KEY,
    id                    TEXT NOT NULL UNIQUE, -- the MAC, 16 upper-case hex digits
    maker_code            TEXT,                 -- 0x8A, 6 hex digits
    serial_number         TEXT,                 -- 0x8D
    standard_version      TEXT,                 -- 0x82
    coefficient           INTEGER,              -- D3
    kwh_per_count         TEXT,                 -- E1 as kWh per count
    effective_digits      INTEGER,              -- D7
    measures_export       INTEGER NOT NULL DEFAULT 0,
    single_phase_two_wire INTEGER NOT NULL DEFAULT 0,
    first_seen            INTEGER NOT NULL,
    last_seen             INTEGER NOT NULL
);

CREATE TABLE half_hours (
    meter         INTEGER NOT NULL REFERENCES meters (key),
    slot_end      INTEGER NOT NULL,
    import_kwh    TEXT,
    import_status TEXT,
    import_source TEXT,   -- 'get', 'notification' or 'history'
    export_kwh    TEXT,
    export_status TEXT,
    export_source TEXT,
    first_stored  INTEGER NOT NULL,
    updated       INTEGER NOT NULL,
    PRIMARY KEY (meter, slot_end)
) WITHOUT ROWID;

CREATE TABLE samples (
    meter       INTEGER NOT NULL REFERENCES meters (key),
    at          INTEGER NOT NULL,
    power_w     REAL,
    current_r_a REAL,
    current_t_a REAL,
    source      TEXT NOT NULL,
    PRIMARY KEY (meter, at)
) WITHOUT ROWID;

CREATE TABLE energy_readings (
    meter      INTEGER NOT NULL REFERENCES meters (key),
    kind       TEXT NOT NULL,    -- 'register' (E0/E3) or 'one_minute' (D0)
    at         INTEGER NOT NULL, -- when read
    meter_time INTEGER,          -- the meter's own timestamp (D0's minute)
    import_kwh TEXT,
    export_kwh TEXT,
    source     TEXT NOT NULL,
    PRIMARY KEY (meter, kind, at)
) WITHOUT ROWID;

CREATE TABLE events (
    id     INTEGER PRIMARY KEY,
    meter  INTEGER REFERENCES meters (key), -- NULL before the meter is known
    at     INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    until  INTEGER,
    detail TEXT                             -- JSON
);

CREATE INDEX events_at ON events (at);
