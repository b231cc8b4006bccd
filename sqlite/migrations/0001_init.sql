-- 0001: the first schema. Amounts are INTEGER 分; times are TEXT in UTC
-- (2006-01-02T15:04:05.000Z), dates TEXT (2006-01-02).

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL CHECK (role IN ('editor', 'reviewer', 'admin')),
	department    TEXT NOT NULL DEFAULT '',
	password_hash BLOB NOT NULL,
	created_at    TEXT NOT NULL,
	disabled      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE batches (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created_at  TEXT NOT NULL,
	finished_at TEXT,
	status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted')),
	total       INTEGER NOT NULL DEFAULT 0,
	done        INTEGER NOT NULL DEFAULT 0,
	failed      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE batch_failures (
	batch_id INTEGER NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
	seq      INTEGER NOT NULL,
	file     TEXT NOT NULL,
	message  TEXT NOT NULL,
	PRIMARY KEY (batch_id, seq)
);

CREATE TABLE reports (
	id           INTEGER PRIMARY KEY,
	department   TEXT NOT NULL,
	region       TEXT NOT NULL,
	year         INTEGER NOT NULL,
	kind         TEXT NOT NULL,
	unit         TEXT NOT NULL,
	title        TEXT NOT NULL,
	file         TEXT NOT NULL,
	format       TEXT NOT NULL,
	sha256       TEXT NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('draft', 'published')),
	origin       TEXT NOT NULL,
	errors       INTEGER NOT NULL,
	warnings     INTEGER NOT NULL,
	infos        INTEGER NOT NULL,
	tables       INTEGER NOT NULL,
	claims       INTEGER NOT NULL,
	uploaded_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
	batch_id     INTEGER REFERENCES batches (id) ON DELETE SET NULL,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	published_at TEXT,
	version      INTEGER NOT NULL DEFAULT 1,
	-- the gongkai.Report as JSON, without its sources
	content      BLOB NOT NULL
);
CREATE INDEX reports_department ON reports (department, year);
CREATE INDEX reports_status ON reports (status, id);
CREATE INDEX reports_batch ON reports (batch_id);

CREATE TABLE source_files (
	report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	seq       INTEGER NOT NULL,
	name      TEXT NOT NULL,
	format    TEXT NOT NULL,
	size      INTEGER NOT NULL,
	sha256    TEXT NOT NULL,
	content   BLOB NOT NULL,
	-- the text the importer read, lines joined with a newline
	lines     TEXT NOT NULL,
	PRIMARY KEY (report_id, seq)
);

CREATE TABLE findings (
	report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	seq       INTEGER NOT NULL,
	rule      TEXT NOT NULL,
	family    TEXT NOT NULL,
	severity  INTEGER NOT NULL,
	message   TEXT NOT NULL,
	file      TEXT NOT NULL DEFAULT '',
	page      INTEGER NOT NULL DEFAULT 0,
	line      INTEGER NOT NULL DEFAULT 0,
	sheet     TEXT NOT NULL DEFAULT '',
	cell      TEXT NOT NULL DEFAULT '',
	quote     TEXT NOT NULL DEFAULT '',
	expected  TEXT NOT NULL DEFAULT '',
	found     TEXT NOT NULL DEFAULT '',
	-- JSON array of the other locations compared with, or NULL
	related   TEXT,
	PRIMARY KEY (report_id, seq)
);

CREATE TABLE report_figures (
	report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	quantity  TEXT NOT NULL,
	fen       INTEGER NOT NULL,
	PRIMARY KEY (report_id, quantity)
);

CREATE TABLE report_classes (
	report_id    INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	seq          INTEGER NOT NULL,
	code         TEXT NOT NULL,
	name         TEXT NOT NULL,
	total        INTEGER NOT NULL,
	basic        INTEGER,
	project      INTEGER,
	source_table TEXT NOT NULL,
	PRIMARY KEY (report_id, seq)
);

CREATE TABLE inspections (
	report_id    INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
	approved_on  TEXT,
	published_on TEXT,
	on_platform  INTEGER,
	notes        TEXT NOT NULL DEFAULT '',
	updated_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
	updated_at   TEXT NOT NULL
);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
